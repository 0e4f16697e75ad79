# Samenspraak: the two commands are `make run` and `make test`.
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
export QT_QPA_PLATFORM ?= offscreen


.PHONY: setup system run test lint bench screenshots package clean

# Debian packages the tests and tools need (pdftotext for PDF tests, Xvfb for screenshots).
DEBS := poppler-utils xvfb libxcb-icccm4 libxcb-keysyms1 libxcb-image0 libxcb-render-util0 \
	libxcb-xkb1 libxkbcommon-x11-0 libxcb-shape0 libxcb-cursor0 libegl1 libgl1 libfontconfig1
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

setup: system $(STAMP)

system:
	@if ! command -v pdftotext >/dev/null || ! command -v Xvfb >/dev/null; then \
		$(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq $(DEBS) >/dev/null; fi

$(STAMP): pyproject.toml
	python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[export,test]'
	touch $(STAMP)

run: setup
	QT_QPA_PLATFORM= $(VENV)/bin/samenspraak

lint: setup
	$(VENV)/bin/ruff check src tests
	cd src && ../$(VENV)/bin/lint-imports --config ../pyproject.toml --no-cache
	$(VENV)/bin/mypy src/instruments src/storage

test: lint
	$(PY) -m pytest tests

PYINSTALLER := $(VENV)/bin/pyinstaller
$(PYINSTALLER): $(STAMP)
	$(PY) -m pip install --quiet -e '.[export,test,package]'

package: setup $(PYINSTALLER)
	$(PYINSTALLER) --noconfirm --distpath dist --workpath build/pyinstaller packaging/samenspraak.spec
	QT_QPA_PLATFORM=offscreen dist/samenspraak/samenspraak selfcheck

bench: setup $(PYINSTALLER)
	mkdir -p build
	$(PY) -m pytest tests/bench -s -p no:randomly --bench-json build/bench.json

screenshots: setup
	$(PY) tools/screenshots.py docs/screenshots

clean:
	rm -rf $(VENV) build dist
