"""The settings of pyproject.toml hold: ruff finds nothing, the code is formatted, mypy finds nothing,
and the layers of the package import only the layers below them (import-linter)."""

from __future__ import annotations

import ast
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CODE = ("commons_analysis", "tests", "benchmarks")


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", *args], cwd=ROOT, capture_output=True, text=True, check=False
    )


def test_ruff_finds_nothing() -> None:
    result = run("ruff", "check", *CODE)
    assert result.returncode == 0, result.stdout + result.stderr


def test_code_is_formatted() -> None:
    result = run("ruff", "format", "--check", *CODE)
    assert result.returncode == 0, result.stdout + result.stderr


def test_mypy_finds_nothing() -> None:
    result = run("mypy")
    assert result.returncode == 0, result.stdout + result.stderr


def test_layers_import_only_the_layers_below() -> None:
    lint_imports = shutil.which("lint-imports", path=str(Path(sys.executable).parent))
    assert lint_imports, "import-linter is a test dependency"
    result = subprocess.run([lint_imports], cwd=ROOT, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


def test_no_module_imports_a_private_name_of_another() -> None:
    """A helper two modules share is public, with a docstring; a leading underscore means 'this module only'.

    Issue 17: the splits had left modules importing their siblings' private helpers."""
    found = []
    for path in sorted((ROOT / "commons_analysis").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("commons_analysis"):
                private = [a.name for a in node.names if a.name[:1] == "_" and a.name[:2] != "__"]
                found += [f"{path.relative_to(ROOT)}: {node.module}.{name}" for name in private]
    assert found == [], "\n".join(found)


def test_every_module_is_under_500_lines() -> None:
    """Issue 17: a module a newcomer reads at once (split by idea beyond that)."""
    long = {
        str(path.relative_to(ROOT)): lines
        for path in (ROOT / "commons_analysis").rglob("*.py")
        if (lines := len(path.read_text(encoding="utf-8").splitlines())) >= 500
    }
    assert long == {}
