# The two set-up commands of the README. Each builds .venv once (CPU torch first,
# so nothing pulls a CUDA build), then runs. A second run reinstalls nothing unless
# pyproject.toml changed.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
TORCH  ?= torch==2.13.0
export HF_HUB_OFFLINE ?= 1
export TRANSFORMERS_OFFLINE ?= 1
export HF_DATASETS_OFFLINE ?= 1
export TOKENIZERS_PARALLELISM ?= false

.PHONY: demo test test-all test-slow lint format install clean-venv

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet "$(TORCH)"
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	@touch $(STAMP)

install: $(STAMP)

demo: $(STAMP)
	$(BIN)/claimbench analyze claims/articles/harbor-drones.txt --format table

# The fast tier (unit): minutes. test-all adds integration (real processes, notebooks,
# Ray, training runs) and slow tests; .ci/run runs lint and test-all.
test: $(STAMP)
	$(BIN)/python -m pytest -q -m "not integration and not slow"

test-all: $(STAMP)
	HYPOTHESIS_PROFILE=ci $(BIN)/python -m pytest -q

test-slow: $(STAMP)
	$(BIN)/python -m pytest -q -m slow

# ruff lint (pyproject.toml [tool.ruff]); `make format` applies its safe fixes (import order...).
lint: $(STAMP)
	$(BIN)/ruff check src tests benchmarks notebooks

format: $(STAMP)
	$(BIN)/ruff check --fix src tests benchmarks notebooks

clean-venv:
	rm -rf $(VENV)
