"""Formats as data: the definition schema (definition.py) and the built-in formats (builtin/*.json)."""
