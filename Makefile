# The two commands a newcomer types: `make run` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: install run test neo4j-start neo4j-stop clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

## make run: local Neo4j (unless NEO4J_URI points elsewhere), schema, demo data, then the API
run: install
	$(BIN)/brm neo4j start
	$(BIN)/brm schema apply
	$(BIN)/brm serve

## make test: the same set-up, then the whole suite against a real Neo4j
test: install
	command -v chromium >/dev/null || (apt-get update && apt-get install -y chromium fonts-noto-cjk)
	$(BIN)/python -m pytest

neo4j-start: install
	$(BIN)/brm neo4j start

neo4j-stop: install
	$(BIN)/brm neo4j stop

clean:
	rm -rf $(VENV) neo4j-runner/target .pytest_cache
