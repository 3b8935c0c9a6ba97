"""The wire is defined once: the error-code catalogue holds every code the server answers with, each has
a page string in every language, and the committed schema and TypeScript match the server's models."""

import ast
import json
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest

from app import wire
from app.errors import Conflict, DomainError, ErrorCode
from tests.support import ROOT

FRONTEND = ROOT / "frontend"


def codes_written_in(source: str) -> set[str]:
    """Every error code spelled out in a module: `code = "…"` in a class, `code="…"` in a call, `{"code": "…"}`,
    and `ErrorCode.<name>`."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.keyword) and node.arg == "code" and isinstance(node.value, ast.Constant):
            found.add(node.value.value)
        elif isinstance(node, ast.Assign) and len(node.targets) == 1:
            target, value = node.targets[0], node.value
            names = target.elts if isinstance(target, ast.Tuple) else [target]
            values = value.elts if isinstance(value, ast.Tuple) else [value]
            for name, each in zip(names, values, strict=False):
                if isinstance(name, ast.Name) and name.id == "code" and isinstance(each, ast.Constant):
                    found.add(each.value)
        elif isinstance(node, ast.Dict):
            for key, each in zip(node.keys, node.values, strict=True):
                if isinstance(key, ast.Constant) and key.value == "code" and isinstance(each, ast.Constant):
                    found.add(each.value)
        elif isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id == "ErrorCode":
            found.add(node.attr)
    return found


def test_every_error_code_the_server_uses_is_in_the_catalogue_and_every_listed_code_is_used() -> None:
    written: set[str] = set()
    for path in (ROOT / "app").rglob("*.py"):
        written |= codes_written_in(path.read_text())
    catalogue = {code.value for code in ErrorCode}
    assert sorted(written - catalogue) == [], "codes missing from app.errors.ErrorCode"
    unused = catalogue - written
    assert sorted(unused) == [], "codes in the catalogue that nothing answers with"


def test_an_error_with_a_code_outside_the_catalogue_is_refused() -> None:
    assert Conflict("Already there.", code="already_in_room").body() == {"code": "already_in_room", "message": "Already there."}
    with pytest.raises(ValueError, match="not in app.errors.ErrorCode"):
        Conflict("Something new.", code="something_new")
    with pytest.raises(ValueError, match="not in app.errors.ErrorCode"):

        class Invented(DomainError):  # noqa: F841
            code = "invented_here"


def test_every_error_code_has_a_string_in_every_page_language() -> None:
    node = node_with_modules()
    done = subprocess.run([node, "scripts/check-strings.mjs"], cwd=FRONTEND, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, f"strings missing:\n{done.stderr}"
    assert f"every one of {len(ErrorCode)} server error codes has its string" in done.stdout


def test_the_committed_schema_and_typescript_are_generated_from_the_models() -> None:
    schema = wire.schema()
    assert json.loads((FRONTEND / "src/shared/wire.schema.json").read_text()) == schema, "run 'make wire'"
    node = node_with_modules()
    with tempfile.TemporaryDirectory() as folder:
        fresh = Path(folder) / "wire.schema.json"
        fresh.write_text(json.dumps(schema, indent=2, ensure_ascii=False))
        done = subprocess.run([node, "scripts/wire-types.mjs", str(fresh)], cwd=FRONTEND, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout == (FRONTEND / "src/shared/wire.ts").read_text(), "run 'make wire'"
    for name in ("export type ServerEvent =", "export type ClientCommand =", "export interface Snapshot {", "export type ErrorCode ="):
        assert name in done.stdout


def node_with_modules() -> str:
    if not (FRONTEND / "node_modules" / "json-schema-to-typescript").exists():
        subprocess.run(["make", "-s", "frontend"], cwd=ROOT, check=True)
    node = shutil.which("node")
    assert node, "Node.js is needed to build the pages"
    return node
