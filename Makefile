# Client Conduct: `make run` serves the app with demo data; `make test` runs every check.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-$(shell cat pyproject.toml requirements.lock package-lock.json 2>/dev/null | sha256sum | cut -c1-12)

.PHONY: run test install lint clean-data docs

run: $(STAMP)
	$(BIN)/conduct setup --demo
	$(BIN)/conduct serve

test: $(STAMP)
	scripts/test

install: $(STAMP)

$(STAMP):
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c requirements.lock -e '.[dev]'
	scripts/system-deps
	if command -v npm >/dev/null; then npm ci --no-audit --no-fund; fi
	rm -f $(VENV)/.installed-*
	touch $(STAMP)

lint: $(STAMP)
	$(BIN)/ruff format --check .
	$(BIN)/ruff check .
	$(BIN)/mypy

docs: $(STAMP)
	$(BIN)/python scripts/cli_reference.py > docs/cli.md

clean-data:
	rm -rf var
