# The two set-up commands of the README. Each creates .venv on first use and installs the
# project into it (torch's CPU wheel is pinned in pyproject.toml), so a fresh clone needs
# nothing but Python 3.11+ and make.
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: run test install clean

run: $(STAMP)
	$(VENV)/bin/coprod refresh --corpus corpora/coproduction

test: $(STAMP)
	$(PY) -m pytest -q

install: $(STAMP)

$(STAMP): pyproject.toml
	test -x $(PY) || python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[test]"
	touch $(STAMP)

clean:
	rm -rf $(VENV) outputs/*.duckdb outputs/*.html outputs/.prefect
