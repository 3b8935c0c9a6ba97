"""Recording consent: the pure rule (`rule`), its persistence and the service functions (`service`)."""
