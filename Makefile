# The two set-up commands of the README. Each creates .venv on first use and installs the
# project into it (torch's CPU wheel is pinned in pyproject.toml), so a fresh clone needs
# nothing but Python 3.11+ and make.
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

# The report's browser tests drive this browser headless (Debian's package of it).
CHROMIUM := chromium

.PHONY: run test install chromium clean

run: $(STAMP)
	$(VENV)/bin/coprod refresh --corpus corpora/coproduction

test: $(STAMP) chromium
	$(PY) -m pytest -q

install: $(STAMP)

# Installed only when missing: apt-get as root, through sudo otherwise; quiet.
chromium:
	@command -v $(CHROMIUM) >/dev/null 2>&1 || { \
	  command -v apt-get >/dev/null 2>&1 || { echo "the browser tests need $(CHROMIUM); install it" \
	    "with your system's package manager" >&2; exit 1; }; \
	  if [ "$$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi; \
	  echo "installing $(CHROMIUM) (Debian package) for the report's browser tests"; \
	  $$SUDO apt-get update -qq && \
	  $$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(CHROMIUM) >/dev/null; }

$(STAMP): pyproject.toml
	test -x $(PY) || python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[test]"
	touch $(STAMP)

clean:
	rm -rf $(VENV) outputs/*.duckdb outputs/*.html outputs/.prefect
