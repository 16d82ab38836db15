# The two commands a new machine needs: `make run` starts the app, `make test` runs the tests.
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
export QT_QPA_PLATFORM ?= offscreen

.PHONY: run test lint format soak bench setup clean-venv

$(STAMP): pyproject.toml scripts/bootstrap.sh
	./scripts/bootstrap.sh

setup: $(STAMP)

run: $(STAMP)
	QT_QPA_PLATFORM= $(BIN)/station-app

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

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

clean-venv:
	rm -rf $(VENV)
