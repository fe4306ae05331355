# naravard — `make run` builds the graph from the bundled sources, `make test` runs the tests.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
SHARED ?= ../shared

.PHONY: run test eval lint bench clean install system-deps

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e '.[test,bench,dev]'
	touch $(STAMP)

install: $(STAMP)

# Debian packages the tests need: chromium (interactive page), tesseract (OCR), poppler (pdftoppm).
system-deps:
	@if [ "$$(id -u)" = "0" ] && command -v apt-get >/dev/null; then \
	  missing=""; \
	  for p in chromium tesseract-ocr tesseract-ocr-swe poppler-utils; do \
	    dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; \
	  done; \
	  if [ -n "$$missing" ]; then \
	    echo "installing Debian packages:$$missing"; \
	    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing >/dev/null) \
	      || echo "warning: could not install$$missing; tests that need them are skipped"; \
	  fi; \
	fi

run: $(STAMP)
	$(BIN)/naravard ingest
	$(BIN)/naravard export --out output/graph.trig
	$(BIN)/naravard export --out output/graph.graphml
	$(BIN)/naravard export --out output/graph.html
	$(BIN)/naravard export --out output/concepts.gexf
	$(BIN)/naravard export --out output/concepts.cyjs
	$(BIN)/naravard export --out output/concepts.png
	$(BIN)/naravard export --out output/actor-principle.csv --view actor-principle
	$(BIN)/naravard stats

test: $(STAMP) system-deps
	$(BIN)/python -m pytest -q

eval: $(STAMP)
	@$(BIN)/naravard extract $(SHARED)/seeds/html/*.html $(SHARED)/seeds/pdf/*.pdf --json > output/dev-pred.json || (mkdir -p output && $(BIN)/naravard extract $(SHARED)/seeds/html/*.html $(SHARED)/seeds/pdf/*.pdf --json > output/dev-pred.json)
	@$(BIN)/python $(SHARED)/eval/score.py --gold $(SHARED)/eval/dev-gold.json --pred output/dev-pred.json -v

lint: $(STAMP)
	$(BIN)/ruff check pipeline tests

bench: $(STAMP)
	$(BIN)/python -m pipeline.bench

clean:
	rm -rf output build *.egg-info .pytest_cache .hypothesis .ruff_cache
	find . -name __pycache__ -type d -prune -exec rm -rf {} +
