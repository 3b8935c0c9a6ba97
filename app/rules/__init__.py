"""Pure rules: no I/O, property-tested."""
