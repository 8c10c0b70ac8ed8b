# The portal: one Go binary with its GraphQL API, its explorer and its SQLite database.
#   make run     build everything and serve the demo content on http://127.0.0.1:8080
#   make test    every check CI runs: formatting, vet, generated code up to date, all tests
#   make bench   fill a database with 100,000 news items and measure the API (not in CI)

GO       ?= go
BIN      := bin/portal
ADDR     ?= 127.0.0.1:8080
DB       ?= ./data/portal.db
export CGO_ENABLED = 0

.PHONY: run build explorer generate test lint check-generated fuzz bench clean

run: build
	./$(BIN) serve --addr $(ADDR) --db $(DB)

# The explorer's assets (GraphiQL from npm) are embedded, so they are copied first.
build: explorer
	$(GO) build -trimpath -o $(BIN) .

explorer:
	bash explorer/copy-assets.sh

# gqlgen writes graph/generated.go from schema.graphql and gqlgen.yml; never edit it.
generate:
	$(GO) tool gqlgen generate

test: lint check-generated
	$(GO) test -count=1 ./...

lint:
	@out=$$(gofmt -l $$(git ls-files '*.go')); if [ -n "$$out" ]; then echo "gofmt would change:"; echo "$$out"; exit 1; fi
	$(GO) vet ./...

# Fails when schema.graphql or gqlgen.yml changed without `make generate`.
check-generated:
	@cp graph/generated.go /tmp/portal-generated.go.$$$$ && $(GO) tool gqlgen generate && \
	  if ! cmp -s graph/generated.go /tmp/portal-generated.go.$$$$; then \
	    echo "graph/generated.go is out of date: run make generate and commit it"; rm -f /tmp/portal-generated.go.$$$$; exit 1; fi; \
	  rm -f /tmp/portal-generated.go.$$$$

# Each fuzz target for a while (the seed corpora run in every `make test`).
FUZZTIME ?= 20s
fuzz:
	for f in FuzzFold FuzzTokens FuzzToLatin FuzzToCyrillic FuzzSlug FuzzHighlight; do \
	  $(GO) test -run='^$$' -fuzz="^$$f$$" -fuzztime=$(FUZZTIME) ./translit/ || exit 1; done
	$(GO) test -run='^$$' -fuzz='^FuzzMatchQuery$$' -fuzztime=$(FUZZTIME) ./store/

BENCH_FLAGS ?=
bench:
	$(GO) run ./bench $(BENCH_FLAGS)

clean:
	rm -rf bin explorer/node_modules
