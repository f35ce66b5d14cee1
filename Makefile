# The two commands: `make site` and `make test`. Each installs what it needs first.
SWIFT   ?= swift
DIGEST  := .build/release/digest
VENV    := .venv

.PHONY: site test deps build unit cli browser browser-deps templates bench instructions microbench fuzz clean

site: build
	@scripts/install-deps.sh libjs-katex
	$(DIGEST) ingest
	$(DIGEST) build

test: unit cli browser

deps:
	@scripts/install-deps.sh

build: deps
	$(SWIFT) build -c release --product digest

# Run in a temporary folder of their own, and a test that leaves a file there fails the run:
# tests write under Fixtures.scratch, removed when they exit. Built first, outside it, since
# the compiler leaves files there too; SwiftPM's locks and empty TemporaryDirectory.* are its own.
unit: deps
	$(SWIFT) test --package-path Vendor/swift-mustache  # upstream's tests of the patched template engine
	$(SWIFT) build --build-tests
	@scratch=$$(mktemp -d); TMPDIR=$$scratch/ $(SWIFT) test --skip-build; status=$$?; \
	left=$$(ls -A $$scratch | grep -Ev '^TemporaryDirectory\.|\.lock$$'); rm -rf $$scratch; \
	if [ -n "$$left" ]; then echo "unit tests left in their temporary folder: $$left"; status=1; fi; \
	exit $$status

# The CLI as a user runs it: exit codes, messages, files on disk. With KaTeX, as `make site`
# has it: without it a build says so first, and the summary does not follow the progress line.
cli: build
	@scripts/install-deps.sh python3-yaml git curl libjs-katex
	@Tests/cli/run.sh $(DIGEST)

# The built site in Chromium, the Nu HTML Checker, LinkChecker, axe-core and an Atom parser.
browser: build browser-deps
	DIGEST=$(DIGEST) $(VENV)/bin/pytest -q Tests/browser

browser-deps:
	@scripts/install-deps.sh chromium chromium-driver libjs-katex
	@test -x $(VENV)/bin/python || python3 -m venv $(VENV)
	@cmp -s Tests/browser/requirements.txt $(VENV)/.installed || \
	  ($(VENV)/bin/pip install -q -r Tests/browser/requirements.txt && cp Tests/browser/requirements.txt $(VENV)/.installed)

# Rebuild the templates built into digest from templates/ (a unit test checks they agree).
templates:
	scripts/embed-templates.py

# Benchmarks print numbers; they assert nothing. BENCH_SIZES="10000 100000" for the large corpus.
bench: build
	@scripts/install-deps.sh hyperfine
	bench/ingest_throughput.py $(DIGEST)
	bench/run.sh $(or $(BENCH_SIZES),10000)
	for n in $(or $(BENCH_SIZES),10000); do bench/incremental.sh $$n; bench/serve.sh $$n; done
	bench/search-quality.sh $(or $(BENCH_SIZES),10000)

clean:
	rm -rf .build public $(VENV)

# Instructions a clean build of a 2,000-paper corpus executes (valgrind callgrind): repeatable
# where times on this VM are not. `make instructions BINARIES="a b"` compares builds of digest;
# STAGE=ingest counts an ingest of the 10k×3 benchmark listings instead.
instructions: build
	bench/instructions.sh $(BINARIES)

# Micro benchmarks of the hot paths (ordo-one/benchmark), in their own package.
microbench: deps
	cd Benchmarks && $(SWIFT) package --allow-writing-to-directory .benchmarkBaselines benchmark

# libFuzzer + AddressSanitizer on the listing parsers and the front-matter reader, FUZZ_SECONDS
# each (default 60); crashes land in .build-fuzz/findings/ (see Fuzz/run.sh).
fuzz: deps
	Fuzz/run.sh
