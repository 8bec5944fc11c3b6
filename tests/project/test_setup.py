"""The set-up: installs come from a lock file that matches pyproject.toml, and the README, ``make help``,
conda's ``environment.yml`` and the pre-commit hook all say the same thing.

The lock is ``uv.lock`` (every dependency, the test tools included); ``requirements.txt`` is its export
for pip and conda (``make lock`` writes both). A lock out of date with pyproject.toml is told by the
set-up itself (``make check-lock``, run before every install) with the command that refreshes it.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import tomllib
from pathlib import Path

import pytest
import yaml
from packaging.requirements import Requirement
from packaging.specifiers import SpecifierSet
from packaging.utils import canonicalize_name
from packaging.version import Version

ROOT = Path(__file__).resolve().parents[2]
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
LOCK = tomllib.loads((ROOT / "uv.lock").read_text(encoding="utf-8"))
PROJECT = canonicalize_name(PYPROJECT["project"]["name"])
LOCKED = [package for package in LOCK["package"] if package["name"] != PROJECT]
EXTRAS: dict[str, list[str]] = PYPROJECT["project"]["optional-dependencies"]

Wanted = tuple[str, tuple[str, ...], str, str]


def declared(requirement: str, extra: str | None = None) -> Wanted:
    """One requirement of pyproject.toml as (name, extras, specifier, marker), as uv records it."""
    parsed = Requirement(requirement)
    marker = f"extra == '{extra}'" if extra else ""
    return canonicalize_name(parsed.name), tuple(sorted(parsed.extras)), str(parsed.specifier), marker


def recorded(entry: dict[str, object]) -> Wanted:
    """One requirement as uv.lock remembers pyproject.toml's (``[package.metadata] requires-dist``)."""
    extras = entry.get("extras", [])
    assert isinstance(extras, list)
    name, specifier, marker = (
        str(entry["name"]),
        str(entry.get("specifier", "")),
        str(entry.get("marker", "")),
    )
    return canonicalize_name(name), tuple(sorted(extras)), str(SpecifierSet(specifier)), marker


def test_the_lock_records_the_requirements_of_pyproject() -> None:
    """What ``uv sync --locked`` checks: else `make lock` has not been run since pyproject.toml changed."""
    project = next(package for package in LOCK["package"] if package["name"] == PROJECT)
    wanted = {declared(requirement) for requirement in PYPROJECT["project"]["dependencies"]}
    for extra, requirements in EXTRAS.items():
        wanted |= {declared(requirement, extra) for requirement in requirements}
    in_lock = {recorded(entry) for entry in project["metadata"]["requires-dist"]}
    assert in_lock == wanted, "uv.lock is out of date with pyproject.toml: run `make lock`"
    assert LOCK["requires-python"] == PYPROJECT["project"]["requires-python"]


def test_the_lock_pins_every_package_with_its_hash() -> None:
    for package in LOCKED:
        assert package["source"] == {"registry": "https://pypi.org/simple"}, package["name"]
        files = [*package.get("wheels", []), *([package["sdist"]] if "sdist" in package else [])]
        assert files and all(file["hash"].startswith("sha256:") for file in files), package["name"]


def test_requirements_txt_is_the_export_of_the_lock() -> None:
    """conda's environment.yml installs requirements.txt: the same versions as uv.lock, every one."""
    pins: dict[str, str] = {}
    for line in (ROOT / "requirements.txt").read_text(encoding="utf-8").splitlines():
        if line and not line.startswith((" ", "#")):
            requirement = Requirement(line)
            (specifier,) = requirement.specifier
            assert specifier.operator == "==", line
            pins[canonicalize_name(requirement.name)] = specifier.version
    versions: dict[str, set[str]] = {}
    for package in LOCKED:
        versions.setdefault(package["name"], set()).add(package["version"])
    assert set(pins) == set(versions), "requirements.txt is not the export of uv.lock: run `make lock`"
    assert all(pins[name] in versions[name] for name in pins)


def test_environment_yml_installs_the_locked_versions_then_the_package() -> None:
    environment = yaml.safe_load((ROOT / "environment.yml").read_text(encoding="utf-8"))
    pip = next(item["pip"] for item in environment["dependencies"] if isinstance(item, dict))
    assert pip == ["-r requirements.txt", "-e .[test]"]
    python = next(item for item in environment["dependencies"] if str(item).startswith("python"))
    assert Version(python.removeprefix("python=")) in SpecifierSet(PYPROJECT["project"]["requires-python"])


def make_help() -> dict[str, str]:
    """Target → its line in ``make help``."""
    output = subprocess.run(
        ["make", "--no-print-directory", "-s", "help"], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout
    return dict(re.findall(r"^  ([a-z-]+) +(\S.*)$", output, flags=re.MULTILINE))


def test_make_help_lists_every_target_with_one_line() -> None:
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    (declaration,) = re.findall(r"^\.PHONY: (.+)$", makefile, flags=re.MULTILINE)
    phony = set(declaration.split())
    listed = make_help()
    assert set(listed) == phony
    assert {"reports", "test", "test-fast", "lint", "lab", "lock", "upgrade", "hooks"} <= set(listed)


def test_the_readme_names_only_targets_that_exist() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    named = set(re.findall(r"\bmake ([a-z][a-z-]*)", readme))
    assert named, "the README tells which make targets to run"
    assert named <= set(make_help())


def test_pre_commit_runs_the_locked_tools_of_the_environment() -> None:
    """Local hooks: nothing fetched at commit time, and the versions are those of uv.lock."""
    config = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    assert [repo["repo"] for repo in config["repos"]] == ["local"]
    hooks = config["repos"][0]["hooks"]
    tools = {hook["entry"].split()[0] for hook in hooks}
    assert tools == {".venv/bin/ruff", ".venv/bin/mypy", ".venv/bin/lint-imports"}
    assert {"ruff check", "ruff format"} <= {hook["name"] for hook in hooks}
    test_tools = {declared(requirement)[0] for requirement in EXTRAS["test"]}
    assert {"ruff", "mypy", "import-linter", "pre-commit"} <= test_tools


def uv() -> str:
    """The uv that ``make`` installed (.tools/) or the one on PATH."""
    found = ROOT / ".tools" / "uv" / "bin" / "uv"
    path = str(found) if found.exists() else shutil.which("uv")
    if path is None:
        pytest.skip("uv is not installed: `make test` installs it")
    return path


def check_lock(folder: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["make", "--no-print-directory", "check-lock", f"UV={uv()}"],
        cwd=folder, capture_output=True, text=True, check=False, timeout=300,
    )  # fmt: skip


@pytest.mark.slow
def test_uv_finds_the_lock_up_to_date() -> None:
    result = check_lock(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "uv.lock matches pyproject.toml" in result.stdout


@pytest.mark.slow
def test_a_lock_out_of_date_stops_the_set_up_and_says_how_to_refresh_it(tmp_path: Path) -> None:
    """A dependency added to pyproject.toml without `make lock`: nothing installed, and the fix named."""
    for name in ("Makefile", "uv.lock", "README.md"):
        shutil.copy(ROOT / name, tmp_path / name)
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    (tmp_path / "pyproject.toml").write_text(
        pyproject.replace("dependencies = [\n", 'dependencies = [\n    "tqdm>=4.66.1",\n', 1),
        encoding="utf-8",
    )
    result = check_lock(tmp_path)
    assert result.returncode != 0
    assert "uv.lock is out of date with pyproject.toml" in result.stderr
    assert "make lock" in result.stderr
    assert not (tmp_path / ".venv").exists()


def test_make_reports_renders_both_languages_and_make_clean_removes_their_folders() -> None:
    """`make reports` writes reports/fr/ and reports/en/ (issue 18, item 2); `make clean` removes both."""

    def planned(target: str) -> str:
        return subprocess.run(
            ["make", "--no-print-directory", "-n", target],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=True,
        ).stdout

    assert re.search(r"commons-analysis render --all --lang fr,en\b", planned("reports"))
    removed = next(line for line in planned("clean").splitlines() if line.startswith("rm -rf"))
    assert {"reports/fr", "reports/en", "reports/*.html"} <= set(removed.split())
