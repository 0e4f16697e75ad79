# Samenspraak: the two commands are `make run` and `make test`.
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
export QT_QPA_PLATFORM ?= offscreen


.PHONY: setup system lock run test test-latest lint bench screenshots package clean

# Debian packages the tests and tools need (pdftotext for PDF tests, Xvfb for screenshots).
DEBS := poppler-utils xvfb libxcb-icccm4 libxcb-keysyms1 libxcb-image0 libxcb-render-util0 \
	libxcb-xkb1 libxkbcommon-x11-0 libxcb-shape0 libxcb-cursor0 libegl1 libgl1 libfontconfig1 \
	espeak-ng
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

setup: system $(STAMP)

system:
	@if ! command -v pdftotext >/dev/null || ! command -v Xvfb >/dev/null \
			|| ! command -v espeak-ng >/dev/null; then \
		$(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq $(DEBS) >/dev/null; fi

# uv installs exactly uv.lock (versions and hashes); uv itself comes hash-checked from
# requirements/uv.txt into a small tools venv, so the machine's pip and its settings stay out.
TOOLS := .tools
UV := $(TOOLS)/bin/uv
EXTRAS := --extra export --extra test
export UV_PYTHON_DOWNLOADS := never
export UV_PROJECT_ENVIRONMENT := $(VENV)
UV_SYNC := $(UV) sync --locked --python python3

$(UV): requirements/uv.txt
	python3 -m venv $(TOOLS)
	$(TOOLS)/bin/pip install --quiet --no-deps --require-hashes -r requirements/uv.txt
	touch $(UV)

# Installed as an installer would: the packages and our own sources compiled to bytecode, so
# the first start does not compile ~700 modules (also where PYTHONDONTWRITEBYTECODE is set).
$(STAMP): pyproject.toml uv.lock $(UV)
	$(UV_SYNC) --quiet --compile-bytecode $(EXTRAS)
	$(PY) -m compileall -q src >/dev/null
	touch $(STAMP)

# After changing a range in pyproject.toml: `make lock` (UPGRADE=1 moves every pin to the newest
# version the ranges allow). Commit uv.lock with the change.
lock: $(UV)
	$(UV) lock --python python3 $(if $(UPGRADE),--upgrade)

# The early warning: the newest versions the ranges allow, in a throw-away venv, whole suite.
LATEST := build/latest-venv
test-latest: system $(UV)
	rm -rf $(LATEST)
	$(UV) venv --quiet --python python3 $(LATEST)
	$(UV) pip install --quiet --python $(LATEST)/bin/python --upgrade -e '.[export,test]'
	$(UV) pip list --python $(LATEST)/bin/python --format freeze > build/latest-versions.txt
	SAMENSPRAAK_UNLOCKED=1 $(LATEST)/bin/python -m pytest tests

run: setup
	QT_QPA_PLATFORM= $(VENV)/bin/samenspraak

lint: setup
	$(VENV)/bin/ruff check src tests
	cd src && ../$(VENV)/bin/lint-imports --config ../pyproject.toml --no-cache
	$(VENV)/bin/mypy src/instruments src/storage src/services

test: lint
	$(UV_SYNC) --check --inexact --quiet $(EXTRAS)
	$(PY) -m pytest tests

PYINSTALLER := $(VENV)/bin/pyinstaller
$(PYINSTALLER): $(STAMP)
	$(UV_SYNC) --quiet --compile-bytecode $(EXTRAS) --extra package

package: setup $(PYINSTALLER)
	$(PYINSTALLER) --noconfirm --distpath dist --workpath build/pyinstaller packaging/samenspraak.spec
	QT_QPA_PLATFORM=offscreen dist/samenspraak/samenspraak selfcheck

bench: setup $(PYINSTALLER)
	mkdir -p build
	$(PY) -m pytest tests/bench -s -p no:randomly --bench-json build/bench.json

screenshots: setup
	$(PY) tools/screenshots.py docs/screenshots --room build/shots

clean:
	rm -rf $(VENV) $(TOOLS) build dist
