#!/usr/bin/env bash
# Copies the pinned GraphiQL/React UMD builds from node_modules into assets/,
# where explorer.go embeds them. Runs `npm ci` first when node_modules is
# missing or older than package-lock.json. Needs Node/npm only when it has to
# install; the Go build itself never needs Node.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")"

# npm writes node_modules/.package-lock.json on every install, so it doubles
# as the "node_modules is up to date" stamp.
stamp=node_modules/.package-lock.json
if [[ ! -f $stamp || package-lock.json -nt $stamp ]]; then
	npm ci --no-audit --no-fund --ignore-scripts
	touch "$stamp"
fi

files=(
	node_modules/graphiql/graphiql.min.js
	node_modules/graphiql/graphiql.min.css
	node_modules/react/umd/react.production.min.js
	node_modules/react-dom/umd/react-dom.production.min.js
)
for f in "${files[@]}"; do
	install -m 0644 "$f" "assets/$(basename "$f")"
done
echo "explorer: copied ${#files[@]} files into $(pwd)/assets"
