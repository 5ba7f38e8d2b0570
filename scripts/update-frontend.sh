#!/usr/bin/env bash
# Re-vendor the compiled NHS.UK frontend (CSS, ES module JS, assets) and
# axe-core (for browser accessibility tests) from the npm registry.
#
# Usage: scripts/update-frontend.sh [NHSUK_FRONTEND_VERSION] [AXE_CORE_VERSION]
#        (defaults: 10.6.1 and 4.14.1)
#
# npm is needed only when running this script (maintenance time). The build
# and the tests use the committed copies under web/static/vendor/ and
# internal/browsertest/axe/ and never call npm.
#
# What it writes:
#   web/static/vendor/nhsuk-frontend/nhsuk-frontend.min.css
#   web/static/vendor/nhsuk-frontend/nhsuk-frontend.min.js   (ES module)
#   web/static/vendor/nhsuk-frontend/assets/...              (favicons, icons)
#   internal/browsertest/axe/axe.min.js                       (unmodified)
#   version lines in web/THIRD_PARTY_NOTICES.md
#
# Local changes made to the nhsuk-frontend files (MIT allows this):
#   - the CSS's root-relative url(/assets/...) references are rewritten to
#     url(assets/...) so they resolve relative to the CSS file wherever the
#     vendor folder is served;
#   - the trailing sourceMappingURL comments are removed (maps are not shipped).
# axe.min.js is copied byte for byte (MPL-2.0, licence header kept).
set -euo pipefail

NHSUK_VERSION="${1:-10.6.1}"
AXE_VERSION="${2:-4.14.1}"
MAX_ASSET_BYTES=$((300 * 1024))

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
NHSUK_DEST="$ROOT/web/static/vendor/nhsuk-frontend"
AXE_DEST="$ROOT/internal/browsertest/axe"
NOTICES="$ROOT/web/THIRD_PARTY_NOTICES.md"

command -v npm >/dev/null || { echo "npm is required to run this script" >&2; exit 1; }

WORK="$(mktemp -d "${TMPDIR:-/tmp}/update-frontend.XXXXXX")"
trap 'rm -rf "$WORK"' EXIT

fetch() { # fetch NAME VERSION -> unpacks into $WORK/NAME/package
  local name="$1" version="$2"
  mkdir -p "$WORK/$name"
  (cd "$WORK/$name" && npm pack --silent "$name@$version" >/dev/null && tar -xzf ./*.tgz)
  local got
  got="$(node -p "require(process.argv[1]).version" "$WORK/$name/package/package.json")"
  [[ "$got" == "$version" ]] || { echo "$name: expected $version, got $got" >&2; exit 1; }
}

echo "==> nhsuk-frontend@$NHSUK_VERSION"
fetch nhsuk-frontend "$NHSUK_VERSION"
DIST="$WORK/nhsuk-frontend/package/dist/nhsuk"
for f in nhsuk-frontend.min.css nhsuk-frontend.min.js; do
  [[ -f "$DIST/$f" ]] || { echo "missing $DIST/$f (layout changed?)" >&2; exit 1; }
done
grep -q 'export{' "$DIST/nhsuk-frontend.min.js" ||
  { echo "nhsuk-frontend.min.js is not an ES module any more" >&2; exit 1; }

rm -rf "$NHSUK_DEST"
mkdir -p "$NHSUK_DEST"
sed -e 's#url(/assets/#url(assets/#g' -e '/^\/\*# sourceMappingURL=.*\*\/$/d' \
  "$DIST/nhsuk-frontend.min.css" >"$NHSUK_DEST/nhsuk-frontend.min.css"
sed -e '$s#//\# sourceMappingURL=[^ ]*$##' \
  "$DIST/nhsuk-frontend.min.js" >"$NHSUK_DEST/nhsuk-frontend.min.js"

# assets/: everything needed at run time, nothing large, no maps/sources.
(cd "$DIST" && find assets -type f) | while IFS= read -r rel; do
  case "$rel" in *.map | *.scss | *.ts | *.mts | *.md) continue ;; esac
  size=$(wc -c <"$DIST/$rel")
  if ((size > MAX_ASSET_BYTES)); then
    echo "    skip $rel ($size bytes > $MAX_ASSET_BYTES)"
    continue
  fi
  mkdir -p "$NHSUK_DEST/$(dirname "$rel")"
  cp "$DIST/$rel" "$NHSUK_DEST/$rel"
done

# Every local url(...) in the CSS must resolve relative to the CSS file.
missing=0
while IFS= read -r ref; do
  ref="${ref#url(}"; ref="${ref%)}"; ref="${ref//[\"\']/}"
  case "$ref" in http:* | https:* | data:* | \#*) continue ;; esac
  if [[ "$ref" == /* ]]; then
    echo "    root-relative url left in CSS: $ref" >&2; missing=1
  elif [[ ! -f "$NHSUK_DEST/${ref%%[?#]*}" ]]; then
    echo "    CSS references missing file: $ref" >&2; missing=1
  fi
done < <(grep -o 'url([^)]*)' "$NHSUK_DEST/nhsuk-frontend.min.css" | sort -u)
((missing == 0)) || exit 1

echo "==> axe-core@$AXE_VERSION"
fetch axe-core "$AXE_VERSION"
AXE_SRC="$WORK/axe-core/package/axe.min.js"
head -c 200 "$AXE_SRC" | grep -q "axe v$AXE_VERSION" ||
  { echo "axe.min.js header does not name v$AXE_VERSION" >&2; exit 1; }
head -c 600 "$AXE_SRC" | grep -q 'Mozilla Public' ||
  { echo "axe.min.js lost its MPL-2.0 header; check the licence" >&2; exit 1; }
mkdir -p "$AXE_DEST"
cp "$AXE_SRC" "$AXE_DEST/axe.min.js"
cmp -s "$AXE_SRC" "$AXE_DEST/axe.min.js"

if [[ -f "$NOTICES" ]]; then
  sed -i \
    -e "s/^\(- \*\*nhsuk-frontend version:\*\*\) .*/\1 $NHSUK_VERSION/" \
    -e "s/^\(- \*\*axe-core version:\*\*\) .*/\1 $AXE_VERSION/" \
    "$NOTICES"
fi

echo "==> vendored files"
(cd "$ROOT" && find web/static/vendor/nhsuk-frontend internal/browsertest/axe -type f -printf '%8s  %p\n' | sort -k2)
echo "total: $(cd "$ROOT" && find web/static/vendor/nhsuk-frontend internal/browsertest/axe -type f -printf '%s\n' | awk '{t += $1} END {print t}') bytes"
echo "Check web/THIRD_PARTY_NOTICES.md (licence text, holders) and the templates against the new release notes."
