#!/usr/bin/env bash
# Replace the vendored Swagger UI (api/static/swagger-ui/) with swagger-ui-dist VERSION from npm.
set -euo pipefail
version=${1:?usage: scripts/vendor_swagger_ui.sh VERSION}
root=$(cd "$(dirname "$0")/.." && pwd)
target="$root/api/static/swagger-ui"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
(cd "$work" && npm pack "swagger-ui-dist@$version" --silent >/dev/null && tar xzf swagger-ui-dist-*.tgz)
for f in LICENSE NOTICE swagger-ui-bundle.js swagger-ui-bundle.js.LICENSE.txt swagger-ui-standalone-preset.js \
         swagger-ui-standalone-preset.js.LICENSE.txt swagger-ui.css favicon-16x16.png favicon-32x32.png; do
  cp "$work/package/$f" "$target/$f"
done
sed -i -E "s/swagger-ui-dist [0-9.]+/swagger-ui-dist $version/" "$target/VENDORED.md"
echo "vendored swagger-ui-dist $version into $target"
