"""The built-in formats, read once from the JSON files in builtin/ (one file per format, named by its id)."""

from collections.abc import Callable
from functools import cache
from importlib import resources
from typing import Protocol, TypeVar

from app.formats.definition import FormatDef


class Identified(Protocol):
    @property
    def id(self) -> str: ...


Entry = TypeVar("Entry", bound=Identified)


def json_files(package: str, folder: str, parse: Callable[[str], Entry], *, kind: str) -> dict[str, Entry]:
    """Every `<id>.json` in the package's folder, parsed and keyed by its id, in file-name order. A file whose name
    is not its content's id is refused at once: the id is how meetings and forms refer to it. (Shared with the
    built-in form templates, app/forms/catalogue.py.)"""
    found: dict[str, Entry] = {}
    for entry in sorted(resources.files(package).joinpath(folder).iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".json"):
            item = parse(entry.read_text(encoding="utf-8"))
            if f"{item.id}.json" != entry.name:
                raise ValueError(f"{kind} file {entry.name} holds the {kind} {item.id!r}")
            found[item.id] = item
    return found


@cache
def builtin() -> dict[str, FormatDef]:
    return json_files("app.formats", "builtin", FormatDef.model_validate_json, kind="builtin format")
