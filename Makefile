# Every command a person types is a target here. `make help` lists them.
SHELL := /bin/bash
.DEFAULT_GOAL := help

VENV := .venv
BIN := $(VENV)/bin
CHROMIUM := /usr/bin/chromium
WEB_DEPS := web/node_modules/.package-lock.json
MODEL := models/current.tar.gz
SPACY_PIPELINE := build/spacy_pipeline/meta.json
EMBEDDING_MODEL := build/wordllama/l2_supercat_256.safetensors
NAME_LEXICON := build/name_lexicon/first_names.txt
# Everything the trained model depends on: retrain only when one of these changed.
TRAINING_INPUTS := config.yml domain.yml $(shell find data -name '*.yml' 2>/dev/null) $(SPACY_PIPELINE)

# Privacy and offline operation: no telemetry, no error reports leave the machine.
export RASA_TELEMETRY_ENABLED := false
export TF_CPP_MIN_LOG_LEVEL := 2
export PYTHONDONTWRITEBYTECODE := 1
# Quieter output: third-party deprecation notices say nothing about this project.
export SQLALCHEMY_SILENCE_UBER_WARNING := 1
export PYTHONWARNINGS := ignore::DeprecationWarning,ignore::PendingDeprecationWarning

.PHONY: help setup run staff-user staff-remove cluster cluster-packages train red-flag-detector validate test test-unit soak test-conversations test-nlu test-integration test-cluster test-browser bench bench-cluster bench-flood lint passages report clean

help:
	@echo "make run      set up what is missing, train if needed, start the assistant (Ctrl-C stops)"
	@echo "make cluster  the same, scaled out: 2 Rasa servers, PostgreSQL, Redis, nginx (docs/operations.md)"
	@echo "make test     set up, validate the data, train, run all tests"
	@echo "make validate check data, articles and clinic files (staff: run before committing)"
	@echo "make soak     the conversation store against Rasa's own, 50,000 random steps (~30 min)"
	@echo "make train    train the model if the data, config or domain changed; fit the red-flag detector if its examples changed"
	@echo "make report   list what visitors asked that got no vetted answer"
	@echo "make staff-user  create or reset a staff account of the desk (http://127.0.0.1:8001)"
	@echo "make staff-remove name=NAME  remove a staff account; its open sessions end at once"
	@echo "make lint     ruff"

## Set-up ---------------------------------------------------------------------------------

# The virtualenv, installed exactly from the lock file; redone only when the lock changes.
$(VENV)/.installed: requirements.lock
	@python=$$(scripts/find_python.sh) || exit 1; \
	if [ ! -x $(BIN)/python ] || ! $(BIN)/python -c 'import sys; assert sys.version_info[:2] == (3, 10)' 2>/dev/null; then \
		rm -rf $(VENV); echo "Creating $(VENV) with $$python"; "$$python" -m venv $(VENV); fi
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps -r requirements.lock 2>&1 \
		| grep -v -e 'is ignored: it is neither a file nor a directory' -e DEPRECATION || true
	$(BIN)/python -m pip check
	@touch $@

# The project's own spaCy pipeline, rebuilt when the terms change.
$(SPACY_PIPELINE): $(VENV)/.installed knowledge/terms.yml assistant/spacy_pipeline.py assistant/terms.py
	$(BIN)/python -m assistant.spacy_pipeline build/spacy_pipeline

# The word lists the redaction of names before storage reads (connectors/name_recognizer.py):
# made once from the pinned spacy-lookups-data and Faker packages.
$(NAME_LEXICON): $(VENV)/.installed connectors/name_recognizer.py
	$(BIN)/python -m connectors.name_recognizer build/name_lexicon

# The sentence-embedding model of the red-flag detector: wordllama's files, from its wheel as
# models.lock pins it (hash-checked). Its code needs numpy 2, so it is unpacked, not installed.
$(EMBEDDING_MODEL): models.lock scripts/unpack_embedding_model.py | $(VENV)/.installed
	rm -rf build/wheels
	$(BIN)/python -m pip download --quiet --disable-pip-version-check --no-deps --only-binary=:all: \
		--require-hashes -r models.lock -d build/wheels 2>&1 | grep -v 'is ignored: it is neither' || true
	$(BIN)/python scripts/unpack_embedding_model.py build/wheels/wordllama-*.whl build/wordllama
	@touch $@

# The widget's front-end packages (socket.io-client served to browsers, axe-core for the
# accessibility test), exactly as web/package-lock.json pins them; nothing from a CDN.
$(WEB_DEPS): web/package.json web/package-lock.json
	cd web && npm ci --no-audit --no-fund --loglevel=error
	@touch $@

# Debian's Chromium for the browser tests (Playwright drives it; its own browser download
# is never used).
$(CHROMIUM):
	@command -v apt-get >/dev/null || { echo "Install Chromium, or set CHROMIUM=/path/to/chromium"; exit 1; }
	apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium

# Debian's PostgreSQL, Redis and nginx for the scaled-out set-up (make cluster, its tests and
# benchmark); installed only when one is missing. Each runs on loopback, started by cluster/.
cluster-packages: $(VENV)/.installed
	@missing=$$($(BIN)/python -c 'from cluster.services import missing_programs; print(*missing_programs())'); \
	if [ -n "$$missing" ]; then \
		command -v apt-get >/dev/null || { echo "Install these Debian packages (or equivalents): $$missing"; exit 1; }; \
		echo "Installing $$missing"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; fi

setup: $(VENV)/.installed $(SPACY_PIPELINE) $(EMBEDDING_MODEL) $(NAME_LEXICON) $(WEB_DEPS)
	@mkdir -p var results

## Model ----------------------------------------------------------------------------------

$(MODEL): $(TRAINING_INPUTS) | setup
	$(BIN)/rasa train --config config.yml --domain domain.yml --data data --out models --fixed-model-name current
	@touch $@

train: setup $(MODEL) red-flag-detector

# The red-flag meaning detector learns its examples, the NLU data and the development sets when
# they change (about a minute); fitted here, before the servers start, so `make run` is ready in
# seconds and says why a first start waits. Quick when its fit is kept (var/cache/).
red-flag-detector: setup
	@$(BIN)/python scripts/fit_red_flag_detector.py

## Running --------------------------------------------------------------------------------

run: setup $(MODEL) red-flag-detector
	scripts/run.sh

# A staff account of the desk (desk/accounts.py): asks for a name (or `name=alice`) and a password;
# piped, it reads them from standard input (`printf 'alice\nPASSWORD\n' | make staff-user`).
staff-user: setup
	$(BIN)/python -m desk.accounts add $(name)

# Remove the account of someone who leaves: `make staff-remove name=alice` (their sessions end).
staff-remove: setup
	$(BIN)/python -m desk.accounts remove $(name)

# Two Rasa servers sharing PostgreSQL and Redis, two action servers, nginx in front (:8080).
cluster: setup $(MODEL) red-flag-detector cluster-packages
	$(BIN)/python -m cluster

## Checks ---------------------------------------------------------------------------------

validate: setup
	$(BIN)/rasa data validate --config config.yml --domain domain.yml --data data --fail-on-warnings --max-history 3
	@# TensorFlow's start-up lines say nothing to staff and buried the findings (session 35's staff tester).
	TF_CPP_MIN_LOG_LEVEL=3 $(BIN)/python -m assistant.validate

passages: setup
	@$(BIN)/python -m assistant.validate --list-passages

# Benchmarks (not part of make test): load over REST against a bare Rasa reference bot,
# the retrieval function over 1 to 10,000 passages, the action server's start-up, make run's
# start-up, then one server vs the bare bot and 2 replicas vs 1 in one run (bench-cluster).
# Figures: docs/performance.md.
bench: setup $(MODEL) red-flag-detector cluster-packages
	$(BIN)/python bench/load.py
	$(BIN)/python bench/retrieval.py
	$(BIN)/python bench/startup.py
	$(BIN)/python bench/run_startup.py --patches-off model-built-eagerly
	$(BIN)/python bench/cluster.py

# One client flooding the REST channel beside 5 ordinary visitors (connectors/flood_limits.py).
bench-flood: setup $(MODEL)
	$(BIN)/python bench/flood.py

# The same load on the scaled-out set-up: 1 vs 2 replicas, SQLite vs PostgreSQL.
bench-cluster: setup $(MODEL) cluster-packages
	$(BIN)/python bench/cluster.py

report: setup
	$(BIN)/python -m assistant.report

lint: setup
	$(BIN)/ruff check .

test-unit: setup
	$(BIN)/python -m pytest tests/unit

# The conversation store's state machine (tests/unit/test_tracker_store_equivalence.py) with a
# long budget: 50,000 random steps against Rasa's own SQLTrackerStore (make test runs 2,000).
soak: setup
	TRACKER_SOAK_STEPS=50000 $(BIN)/python -m pytest tests/unit/test_tracker_store_equivalence.py -q -o timeout=0

# The testers' command: the conversation tests, then the held-out NLU evaluation, then a summary.
test-conversations: setup $(MODEL)
	@# The summary is printed even when a conversation failed; the exit status says whether one did.
	$(BIN)/rasa test core --model $(MODEL) --stories tests/conversations --fail-on-prediction-errors \
		--out results/conversations; status=$$?; \
		$(BIN)/python scripts/conversation_summary.py results/conversations; exit $$status
	$(MAKE) --no-print-directory test-nlu

# The held-out NLU set (tests/nlu/, never trained on): intent macro-F1 must reach 0.95.
test-nlu: setup $(MODEL)
	$(BIN)/rasa test nlu --model $(MODEL) --nlu tests/nlu/heldout.yml --out results/nlu
	$(BIN)/python scripts/nlu_report.py results/nlu/intent_report.json --min-f1 0.95

test-integration: setup $(MODEL)
	$(BIN)/python -m pytest tests/integration

test-cluster: setup $(MODEL) cluster-packages
	$(BIN)/python -m pytest tests/cluster

test-browser: setup $(MODEL) $(CHROMIUM)
	$(BIN)/python -m pytest tests/browser

test: validate lint $(MODEL) $(CHROMIUM) cluster-packages
	$(MAKE) --no-print-directory test-conversations
	$(BIN)/python -m pytest tests/unit tests/integration tests/cluster
	@# A run of its own: Playwright's sync API keeps an event loop running in the test process.
	$(BIN)/python -m pytest tests/browser

clean:
	rm -rf build models results .pytest_cache .ruff_cache
