"""The layers of docs/adr/0010-layers.md hold: `lint-imports` checks the contracts in pyproject.toml."""

import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CONFIG = ROOT / "pyproject.toml"


def lint_imports(root: Path) -> subprocess.CompletedProcess[str]:
    """Run import-linter on the `app` package found under `root`, with our contracts."""
    code = "import sys; from importlinter.cli import lint_imports; sys.exit(lint_imports(config_filename=sys.argv[1], no_cache=True, no_logo=True))"
    return subprocess.run(
        [sys.executable, "-c", code, str(CONFIG)], cwd=root, env={"PYTHONPATH": str(root), "PATH": ""}, capture_output=True, text=True, timeout=120
    )


def test_no_module_imports_a_layer_above_it():
    result = lint_imports(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr


def test_every_module_of_app_has_a_layer():
    # A module outside the layers would escape the contract unnoticed.
    contracts = tomllib.loads(CONFIG.read_text())["tool"]["importlinter"]["contracts"]
    layers = next(c["layers"] for c in contracts if c["type"] == "layers")
    placed = {name for layer in layers for name in re.split(r"[|:]", layer.replace(" ", ""))}
    app = ROOT / "app"
    modules = {f"app.{p.stem}" for p in app.glob("*.py") if p.stem != "__init__"}
    modules |= {f"app.{p.name}" for p in app.iterdir() if (p / "__init__.py").exists()}
    assert modules - placed == set(), "add these modules to a layer in pyproject.toml and docs/adr/0010-layers.md"


def test_upward_imports_planted_in_a_copy_are_caught(tmp_path: Path):
    # The same code with upward imports planted: the check must notice them, or it proves nothing.
    shutil.copytree(ROOT / "app", tmp_path / "app", ignore=shutil.ignore_patterns("__pycache__"))
    plants = {
        "services/consent.py": "from app.services import recordings",
        "services/hands.py": "from app.realtime import publish",
        "db.py": "from app.services import meetings",
    }
    for path, line in plants.items():
        module = tmp_path / "app" / path
        module.write_text(module.read_text() + f"\n{line}  # noqa: E402\n")
    result = lint_imports(tmp_path)
    assert result.returncode != 0
    assert "app.services.consent is not allowed to import app.services.recordings" in result.stdout
    assert "app.services is not allowed to import app.realtime" in result.stdout
    assert "app.db is not allowed to import app.services" in result.stdout
