# Two commands do all the set-up: `make reports` and `make test`; `make help` lists every target.
# Every install comes from the lock file uv.lock (README.md, "Set-up"): the same versions on every machine.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
JOBS ?= $(shell nproc 2>/dev/null || echo 2)
LAB_IP ?= 127.0.0.1
LAB_PORT ?= 8888

# uv installs from the lock. Pinned, so every machine writes and reads the lock alike; pip fetches it
# into .tools/ when missing (CI starts from python3 and pip only). `make UV=uv` uses your own uv.
UV_VERSION := 0.13.9
UV ?= .tools/uv/bin/uv
UV_NEEDED := $(filter .tools/%,$(UV))
# Build the environment with $(PYTHON), never with an interpreter downloaded by uv.
export UV_PYTHON := $(PYTHON)
export UV_PYTHON_DOWNLOADS := never
# Let Python cache the bytecode of what it imports: else every notebook kernel compiles pandas, plotly…
# again (a render takes twice as long), and compiling everything at install costs more than it saves.
unexport PYTHONDONTWRITEBYTECODE

RUNTIME := $(VENV)/.installed-runtime
TOOLS := $(VENV)/.installed-test
CODE := commons_analysis tests benchmarks

.DEFAULT_GOAL := reports
.PHONY: help reports test test-fast lint format lab bench lock upgrade check-lock hooks system-deps clean

help: ## list the targets
	@echo "make TARGET   (every install comes from uv.lock)"
	@awk 'BEGIN {FS = ":.*## "} /^[a-z-]+:.*## / {printf "  %-12s %s\n", $$1, $$2}' $(MAKEFILE_LIST)

reports: $(RUNTIME) ## set up what rendering needs, then render every case of data/cases/ into reports/fr/ and reports/en/
	$(BIN)/commons-analysis render --all --lang fr,en --jobs $(JOBS)

test: $(TOOLS) system-deps ## set up with the test tools (and Debian's chromium), then run the whole test suite
	$(BIN)/python -m pytest

test-fast: $(TOOLS) ## under a minute: the tests without notebooks, kernels, browser or large files (markers slow, browser), on JOBS processes
	$(BIN)/python -m pytest -m "not slow and not browser" -n $(JOBS)

lint: $(TOOLS) ## ruff check, ruff format --check, mypy and the import layers (lint-imports)
	$(BIN)/ruff check $(CODE)
	$(BIN)/ruff format --check $(CODE)
	$(BIN)/mypy
	$(BIN)/lint-imports

format: $(TOOLS) ## format the code with ruff and apply ruff's safe fixes
	$(BIN)/ruff format $(CODE)
	$(BIN)/ruff check --fix $(CODE)

# The token is passed by the environment (not the command line, which other users can read with ps), and
# the port is fixed (no silent retry on another one) so that the address printed here is the address.
# As root, in a container, JupyterLab refuses to start without --allow-root. In a container whose port is
# published, listen on every interface: `make lab LAB_IP=0.0.0.0`.
lab: $(RUNTIME) ## JupyterLab on notebooks/; prints the address to open (LAB_IP, LAB_PORT)
	@token=$$($(BIN)/python -c 'import secrets; print(secrets.token_hex(24))'); \
	  host=$(LAB_IP); [ "$$host" = 0.0.0.0 ] && host=127.0.0.1; \
	  allow_root=; [ "$$(id -u)" = 0 ] && allow_root=--allow-root; \
	  echo "JupyterLab: open http://$$host:$(LAB_PORT)/lab?token=$$token   (Ctrl-C twice to stop)"; \
	  JUPYTER_TOKEN=$$token exec $(BIN)/jupyter lab notebooks $$allow_root --no-browser \
	    --ServerApp.ip=$(LAB_IP) --ServerApp.port=$(LAB_PORT) --ServerApp.port_retries=0

bench: $(RUNTIME) ## the speed benchmarks of benchmarks/ (bench_setup.sh apart: it clones and installs twice)
	for b in benchmarks/bench_*.py; do $(BIN)/python $$b || exit 1; done

lock: | $(UV_NEEDED) ## refresh uv.lock after an edit of pyproject.toml (keeps the other versions)
	$(UV) lock
	$(UV) export --quiet --frozen --extra test --no-hashes --no-emit-project -o requirements.txt

upgrade: | $(UV_NEEDED) ## upgrade in the lock PACKAGE=name (or every package without PACKAGE)
	$(UV) lock $(if $(PACKAGE),--upgrade-package $(PACKAGE),--upgrade)
	$(UV) export --quiet --frozen --extra test --no-hashes --no-emit-project -o requirements.txt

check-lock: | $(UV_NEEDED) ## say whether uv.lock still matches pyproject.toml
	@$(CHECK_LOCK)
	@echo "uv.lock matches pyproject.toml"

hooks: $(TOOLS) ## install the git pre-commit hook (ruff, ruff format, mypy, lint-imports)
	$(BIN)/pre-commit install

clean: ## remove the environment, uv and the rendered reports
	rm -rf $(VENV) .tools reports/fr reports/en reports/*.html reports/*.ipynb reports/*.json reports/*.js

# uv's own message ("run `uv lock`") would not say what this project does around it.
define CHECK_LOCK
out=$$($(UV) lock --check 2>&1) || { \
  case "$$out" in \
    *"needs to be updated"*) \
      echo "uv.lock is out of date with pyproject.toml: its dependencies changed since the lock was made." >&2; \
      echo "Nothing was installed. Refresh the lock with 'make lock', then commit uv.lock and requirements.txt." >&2;; \
    *) echo "$$out" >&2;; \
  esac; exit 1; }
endef

.tools/uv/bin/uv:
	@echo "Installing uv $(UV_VERSION) into .tools/ with pip"
	@$(PYTHON) -m pip install --quiet --disable-pip-version-check --root-user-action=ignore \
	  --target .tools/uv 'uv==$(UV_VERSION)' || { \
	  echo "Could not install uv with '$(PYTHON) -m pip'. Install pip (Debian: apt-get install python3-pip)," >&2; \
	  echo "or install uv yourself and run make with UV=uv." >&2; exit 1; }

uv.lock:
	@echo "uv.lock is missing: restore it (git checkout uv.lock) or make a new one with 'make lock'." >&2; exit 1

# The runtime install keeps the test tools if they are there (--inexact); the test install is exact.
# The Jupyter kernel "python3" of the notebooks is this environment's Python.
$(RUNTIME): pyproject.toml uv.lock | $(UV_NEEDED)
	@$(CHECK_LOCK)
	@echo "Installing the locked environment into $(VENV) (uv sync --locked --inexact)"
	@$(UV) sync --quiet --locked --inexact
	$(BIN)/python -m ipykernel install --sys-prefix --name python3 >/dev/null
	touch $@

$(TOOLS): pyproject.toml uv.lock | $(UV_NEEDED)
	@$(CHECK_LOCK)
	@echo "Installing the locked environment into $(VENV) (uv sync --locked --extra test)"
	@$(UV) sync --quiet --locked --extra test
	$(BIN)/python -m ipykernel install --sys-prefix --name python3 >/dev/null
	touch $@ $(RUNTIME)

# Debian's chromium drives the browser checks (no browser can be downloaded here).
system-deps: ## install Debian's chromium for the browser tests (apt-get, sudo when not root)
	@command -v chromium >/dev/null 2>&1 || { \
	  echo "Installing Debian's chromium for the browser tests"; \
	  if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium >/dev/null; }
