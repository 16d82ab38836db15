# The two commands a new machine needs: `make run` starts the app, `make test` runs the tests.
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
export QT_QPA_PLATFORM ?= offscreen

.PHONY: run test lint format soak bench setup clean-venv package package-test

$(STAMP): pyproject.toml scripts/bootstrap.sh
	./scripts/bootstrap.sh

setup: $(STAMP)

run: $(STAMP)
	QT_QPA_PLATFORM= $(BIN)/station-app

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports
	$(BIN)/mypy

format: $(STAMP)
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

test: lint
	$(BIN)/python -m pytest -n 2 --dist loadfile -q

# Long kill loops and soak runs; not part of `make test`. Figures go to the issue notes.
soak: $(STAMP)
	STATION_APP_SOAK=1 $(BIN)/python -m pytest -m soak -q -s -p no:randomly

bench: $(STAMP)
	$(BIN)/python -m bench

# The installer (not part of `make test`): a frozen one-folder app wrapped as
# build/station-app_<version>_amd64.deb; package-test installs it on a fresh Debian 12 root.
package:
	./scripts/build_package.sh

package-test: package
	./scripts/package_test.sh

clean-venv:
	rm -rf $(VENV)
