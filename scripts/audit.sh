#!/usr/bin/env bash
# Dependency audit: every module's version beside the newest the Go module
# proxy serves, then govulncheck against the Go vulnerability database.
#
# Usage: scripts/audit.sh            (make audit)
#
# Everything comes through the Go module proxy, so it works where only the
# proxy is reachable: govulncheck is golang.org/x/vuln's, and the database
# is built from the OSV files of the golang.org/x/vulndb module (newest
# served) with that module's own indexdb command, into a cache directory
# reused until a newer database is served. Nothing is upgraded: modules
# pinned in the design notes stay where they are; this only reports.
#
# Exit status: govulncheck's (0 when no reachable vulnerability, 3 when
# some are reachable), so a finding is not missed.
set -uo pipefail
cd "$(dirname "$0")/.."
GO=${GO:-go}
VULN_VERSION=${VULN_VERSION:-v1.9.0}

echo "== Modules required directly (version → newest served), checked $(date -u +%Y-%m-%d)"
$GO list -m -u -f '{{if and (not .Main) (not .Indirect)}}{{.Path}} {{.Version}}{{with .Update}} → {{.Version}}{{else}} (newest){{end}}{{end}}' all | sed '/^$/d'
echo
echo "== Indirect modules with a newer version served"
$GO list -m -u -f '{{if and .Indirect .Update}}{{.Path}} {{.Version}} → {{.Update.Version}}{{end}}' all | sed '/^$/d'
echo
echo "== Go toolchain"
$GO version

vulndb=$($GO list -m -f '{{.Version}}' golang.org/x/vulndb@latest) || { echo "audit: the vulnerability database module is not served"; exit 1; }
cache="$($GO env GOCACHE)/pulse-audit/vulndb-$vulndb"
if [ ! -f "$cache/index/db.json" ]; then
	dir=$($GO mod download -json "golang.org/x/vulndb@$vulndb" | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')
	echo "== Building the vulnerability database $vulndb (once)"
	rm -rf "$cache" && mkdir -p "$(dirname "$cache")"
	$GO run "golang.org/x/vulndb/cmd/indexdb@$vulndb" -vulns "$dir/data/osv" -out "$cache" || exit 1
fi
echo
echo "== govulncheck $VULN_VERSION, database golang.org/x/vulndb@$vulndb"
$GO run "golang.org/x/vuln/cmd/govulncheck@$VULN_VERSION" -db "file://$cache" ./...
