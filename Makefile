# Two commands do all the set-up on a fresh machine: `make run` and `make test`.
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test index eval browser clean

$(VENV)/installed: pyproject.toml
	python3 -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	# The local CPU build of PyTorch first, so that sentence-transformers pulls no CUDA packages.
	$(BIN)/pip install -q torch==2.13.0
	$(BIN)/pip install -q -e '.[st,test]'
	touch $@

# Debian's Chromium for the browser tests (never a browser download).
browser:
	@command -v chromium >/dev/null 2>&1 || { apt-get update -qq && apt-get install -y -qq chromium chromium-driver; }
	@# Optional: more PDF generators and pdftotext for the real-world PDF tests (skipped without them).
	-@command -v gs >/dev/null 2>&1 && command -v pdftotext >/dev/null 2>&1 || \
		apt-get install -y -qq ghostscript poppler-utils >/dev/null 2>&1 || echo "ghostscript/poppler saknas: några PDF-tester hoppas över"

run: $(VENV)/installed
	$(BIN)/plan-assistant serve --host $(HOST) --port $(PORT)

index: $(VENV)/installed
	$(BIN)/plan-assistant index

eval: $(VENV)/installed
	$(BIN)/plan-assistant eval $(or $(PLAN_ASSISTANT_SHARED),../shared)/eval/dev.jsonl

test: $(VENV)/installed browser
	$(BIN)/lint-imports
	$(BIN)/mypy assistant
	$(BIN)/pytest -q

clean:
	rm -rf $(VENV) index/CURRENT index/gen-* index/.lock
