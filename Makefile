# The two commands: `make site` and `make test`. Each installs what it needs first.
SWIFT     ?= swift
DIGEST    := .build/release/digest

.PHONY: site test deps build unit cli clean

site: build
	$(DIGEST) ingest
	@echo "records in content/papers/ (the site build lands with the render stage)"

test: deps unit cli

deps:
	@scripts/install-deps.sh

build: deps
	$(SWIFT) build -c release --product digest

unit: deps
	$(SWIFT) test

# The CLI as a user runs it: exit codes, messages, files on disk.
cli: build
	@Tests/cli/run.sh $(DIGEST)

clean:
	rm -rf .build public
