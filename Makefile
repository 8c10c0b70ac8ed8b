# The portal: one Go binary with its public site, its GraphQL API, its explorer and its
# SQLite database.
#   make run     build everything and serve the demo content on http://127.0.0.1:8080
#   make test    every check CI runs: Go (format, vet, generated code, tests on SQLite and
#                on PostgreSQL), the front end (type check, unit tests), then end to end in
#                Chromium and the JS budget
#   make test-postgres  the Go tests on a throwaway PostgreSQL 15 only
#   make bench   generate 100,000 news items (kept in data/ for the next run) and measure the API (not in CI)
#   make slow3g  the public pages on Chromium's "Slow 3G" with a 4× slower CPU: first text,
#                LCP and a click, measured through the DevTools protocol (not in CI)
#   make lighthouse  Lighthouse's default mobile run on the public pages: the four category
#                scores per page (not in CI)

GO       ?= go
BIN      := bin/portal
ADDR     ?= 127.0.0.1:8080
DB       ?= ./data/portal.db
export CGO_ENABLED = 0

.PHONY: run build web web-deps explorer generate schema-snapshot test test-go test-postgres test-web e2e budget chromium lint check-generated fuzz bench slow3g lighthouse clean

run: build
	./$(BIN) serve --addr $(ADDR) --db $(DB)

# The front end (web/out/site) and the explorer's assets (GraphiQL from npm) are embedded
# in the binary, so they are built first: Vite empties its output folder, so the order is
# explicit here. `go build ./...` alone also works: the binary then serves a notice instead.
build: web explorer
	$(GO) build -trimpath -o $(BIN) .

web: web-deps
	cd web && npm run build

# npm ci only when the lock file changed since the last install.
web-deps: web/node_modules/.package-lock.json
web/node_modules/.package-lock.json: web/package-lock.json
	cd web && npm ci --no-audit --no-fund

explorer:
	bash explorer/copy-assets.sh

# gqlgen writes graph/generated.go from schema.graphql and gqlgen.yml; genqlient writes the
# partners' example client (examples/partnerclient); never edit either.
generate:
	$(GO) tool gqlgen generate
	$(GO) tool genqlient examples/partnerclient/genqlient.yaml

# The schema partners were promised: graph/schemacheck's test fails when schema.graphql
# breaks it. Run this only for an announced removal (CHANGELOG.md, "Change policy").
schema-snapshot:
	cp schema.graphql schema.published.graphql

# The build comes first, so the Go tests also check the real embedded front end.
test: build test-go test-web e2e budget

# The Go tests twice: on SQLite, then on PostgreSQL (every test opens its own schema).
test-go: lint check-generated
	$(GO) test -count=1 ./...
	scripts/with-postgres.sh $(GO) test -count=1 ./...

# The Go tests on a throwaway PostgreSQL 15 that scripts/with-postgres.sh starts (on a free
# loopback port, in a temp folder) and removes; it installs Debian's postgresql-15 as root.
test-postgres:
	scripts/with-postgres.sh $(GO) test -count=1 ./...

# svelte-check (TypeScript, 0 warnings) and Vitest.
test-web: web-deps
	cd web && npm run check && npm run test:unit

# Playwright in Debian's Chromium against the real binary with the demo content.
e2e: build chromium
	cd web && npx playwright test

# The public pages' initial JavaScript, gzipped, against the 60 KB budget.
budget: web
	node web/scripts/js-budget.mjs

# Playwright cannot download browsers here: it drives Debian's Chromium.
chromium:
	@if [ -x /usr/bin/chromium ]; then exit 0; fi; \
	if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	  echo "installing Debian's chromium for the end-to-end tests"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	else \
	  echo "The end-to-end tests need Chromium at /usr/bin/chromium: run 'sudo apt-get install chromium' (Debian/Ubuntu) and try again."; exit 1; \
	fi

lint:
	@out=$$(gofmt -l $$(git ls-files '*.go')); if [ -n "$$out" ]; then echo "gofmt would change:"; echo "$$out"; exit 1; fi
	$(GO) vet ./...

# Fails when schema.graphql or gqlgen.yml changed without `make generate`.
check-generated:
	@cp graph/generated.go /tmp/portal-generated.go.$$$$ && $(GO) tool gqlgen generate && \
	  if ! cmp -s graph/generated.go /tmp/portal-generated.go.$$$$; then \
	    echo "graph/generated.go is out of date: run make generate and commit it"; rm -f /tmp/portal-generated.go.$$$$; exit 1; fi; \
	  rm -f /tmp/portal-generated.go.$$$$
	@cp examples/partnerclient/generated.go /tmp/portal-client.go.$$$$ && $(GO) tool genqlient examples/partnerclient/genqlient.yaml && \
	  if ! cmp -s examples/partnerclient/generated.go /tmp/portal-client.go.$$$$; then \
	    echo "examples/partnerclient/generated.go is out of date: run make generate and commit it"; rm -f /tmp/portal-client.go.$$$$; exit 1; fi; \
	  rm -f /tmp/portal-client.go.$$$$

# Each fuzz target for a while (the seed corpora run in every `make test`).
FUZZTIME ?= 20s
fuzz:
	for f in FuzzFold FuzzTokens FuzzToLatin FuzzToCyrillic FuzzSlug FuzzHighlight FuzzStem; do \
	  $(GO) test -run='^$$' -fuzz="^$$f$$" -fuzztime=$(FUZZTIME) ./translit/ || exit 1; done
	for f in FuzzHTML FuzzPlainTextWordsOnly; do \
	  $(GO) test -run='^$$' -fuzz="^$$f$$" -fuzztime=$(FUZZTIME) ./richtext/ || exit 1; done
	$(GO) test -run='^$$' -fuzz='^FuzzMatchQuery$$' -fuzztime=$(FUZZTIME) ./store/
	$(GO) test -run='^$$' -fuzz='^FuzzProcess$$' -fuzztime=$(FUZZTIME) ./media/
	$(GO) test -run='^$$' -fuzz='^FuzzQueryCost$$' -fuzztime=$(FUZZTIME) ./server/

# BENCH_FLAGS='-news 1000000' measures a million items; BENCH_FLAGS='-db postgres://portal@127.0.0.1:5432/bench'
# measures PostgreSQL (in a schema of that database). See README.md, Benchmark.
BENCH_FLAGS ?=
bench:
	$(GO) run ./bench $(BENCH_FLAGS)

# Starts the built binary on a free port of 127.0.0.1 with a new database of the demo
# content and prints a table (web/scripts/slow3g.mjs; SLOW3G_FLAGS='--runs 5 --locale en').
SLOW3G_FLAGS ?=
slow3g: build chromium
	node web/scripts/slow3g.mjs $(SLOW3G_FLAGS)

# Lighthouse is not in web/package.json (it would slow every npm ci): a pinned version is
# installed on demand into LIGHTHOUSE_DIR, once. Starts the built binary on a free port of
# 127.0.0.1 with a new database of the demo content (web/scripts/lighthouse.mjs;
# LIGHTHOUSE_FLAGS='--locales sr-latn,en').
LIGHTHOUSE_VERSION ?= 12.8.2
LIGHTHOUSE_DIR     ?= web/.lighthouse
LIGHTHOUSE_FLAGS   ?=
lighthouse: build chromium
	@if [ ! -f $(LIGHTHOUSE_DIR)/node_modules/lighthouse/package.json ] || \
	  ! grep -q '"version": "$(LIGHTHOUSE_VERSION)"' $(LIGHTHOUSE_DIR)/node_modules/lighthouse/package.json; then \
	  mkdir -p $(LIGHTHOUSE_DIR) && cd $(LIGHTHOUSE_DIR) && echo '{"private": true}' > package.json && \
	  npm install --no-audit --no-fund --no-save lighthouse@$(LIGHTHOUSE_VERSION); fi
	CHROME_PATH=$${CHROME_PATH:-/usr/bin/chromium} LIGHTHOUSE_DIR=$(LIGHTHOUSE_DIR) node web/scripts/lighthouse.mjs $(LIGHTHOUSE_FLAGS)

clean:
	rm -rf bin explorer/node_modules web/node_modules web/out/site web/.lighthouse
