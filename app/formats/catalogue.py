"""The built-in formats, read once from the JSON files in builtin/ (one file per format, named by its id)."""

from functools import cache
from importlib import resources

from app.formats.definition import FormatDef


@cache
def builtin() -> dict[str, FormatDef]:
    formats = {}
    for entry in sorted(resources.files("app.formats").joinpath("builtin").iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".json"):
            definition = FormatDef.model_validate_json(entry.read_text(encoding="utf-8"))
            if f"{definition.id}.json" != entry.name:
                raise ValueError(f"builtin format file {entry.name} holds the format {definition.id!r}")
            formats[definition.id] = definition
    return formats
