"""Every page language (English, Danish, Arabic) has every string of the pages, including those areas register."""

import shutil
import subprocess

from tests.support import ROOT

FRONTEND = ROOT / "frontend"


def test_every_catalogue_has_every_key_of_english() -> None:
    if not (FRONTEND / "node_modules" / "esbuild").exists():
        subprocess.run(["make", "-s", "frontend"], cwd=ROOT, check=True)
    node = shutil.which("node")
    assert node, "Node.js is needed to build the pages"
    done = subprocess.run([node, "scripts/check-strings.mjs"], cwd=FRONTEND, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, f"strings missing from a catalogue:\n{done.stderr}"
    assert "each of en, da, ar" in done.stdout
