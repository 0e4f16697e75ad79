# Samenspraak: the two commands are `make run` and `make test`.
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
export QT_QPA_PLATFORM ?= offscreen

.PHONY: setup run test lint bench screenshots package clean

setup: $(STAMP)

$(STAMP): pyproject.toml
	python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[export,test]'
	touch $(STAMP)

run: setup
	QT_QPA_PLATFORM= $(VENV)/bin/samenspraak

lint: setup
	$(VENV)/bin/ruff check src tests
	cd src && ../$(VENV)/bin/lint-imports --config ../pyproject.toml
	$(VENV)/bin/mypy src/instruments src/storage

test: lint
	$(PY) -m pytest tests

bench: setup
	mkdir -p build
	$(PY) -m pytest tests/bench -s -p no:randomly --bench-json build/bench.json

screenshots: setup
	$(PY) tools/screenshots.py docs/screenshots

clean:
	rm -rf $(VENV) build dist
