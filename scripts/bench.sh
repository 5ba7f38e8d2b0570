#!/bin/sh
# bench.sh runs the standard benchmark scenarios and writes
# their figures, with the machine and commit they were measured on, to a
# Markdown file.
#
#   scripts/bench.sh full  [OUT]   # make bench: about 15 minutes, OUT defaults to scripts/bench-results.md
#   scripts/bench.sh quick [OUT]   # make bench-quick: about 3 minutes, OUT defaults to a temporary file
#
# Load runs use bin/pulse (built here) against a fresh server on
# 127.0.0.1; every acknowledged save is verified in the database after
# each run. Go benchmarks print the median of their -count runs with the
# minimum and maximum. Databases for the export and start-up figures are
# made once and kept in $PULSE_BENCH_DIR (default: the temporary folder's
# pulse-export-bench, shared with make bench-export).
set -eu

mode=${1:-quick}
case $mode in
full)
	out=${2:-scripts/bench-results.md}
	load_runs=3 load_time=15s count=6 export_count=3 startup=1000000 startup_runs=3
	exports='Export/(10k|100k)$' ;;
quick)
	out=${2:-${TMPDIR:-/tmp}/pulse-bench-quick.md}
	load_runs=1 load_time=5s count=2 export_count=1 startup=100000 startup_runs=3
	exports='Export/10k$' ;;
*)
	echo "usage: scripts/bench.sh full|quick [OUT]" >&2
	exit 2 ;;
esac

cd "$(dirname "$0")/.."
export CGO_ENABLED=1
PULSE_BENCH_DIR=${PULSE_BENCH_DIR:-${TMPDIR:-/tmp}/pulse-export-bench}
export PULSE_BENCH_DIR
mkdir -p "$PULSE_BENCH_DIR"
go build -o bin/pulse ./cmd/pulse

tmp=$(mktemp)
trap 'rm -f "$tmp"' EXIT
started=$(date +%s)
load_start=$(cut -d' ' -f1-3 /proc/loadavg)

# shell ARGS...: the command line as one would type it (gobench shown as
# the go test it runs).
shell() {
	[ "$1" = gobench ] && { shift; set -- go test -run '^$' -benchmem "$@"; }
	line=
	for a; do
		case $a in
		*[!A-Za-z0-9_./=:-]*) line="$line '$a'" ;;
		*) line="$line $a" ;;
		esac
	done
	echo "${line# }"
}

# section TITLE COMMAND...: runs a command, shows its output as it comes
# and appends it to the results under a heading with the command line.
section() {
	title=$1
	shift
	echo "== $title: $(shell "$@")" >&2
	{
		printf '\n## %s\n\n`%s`\n\n```text\n' "$title" "$(shell "$@")"
		"$@" 2>&1 | tee -a /dev/stderr
		printf '```\n'
	} >>"$tmp"
}

# gobench ARGS...: go test benchmarks, summarised as the median of each
# benchmark's runs (min–max) for every measure it reports.
gobench() {
	# A log line written while a benchmark runs can split its result line,
	# so the name is the last one seen and the figures start at ns/op.
	go test -run '^$' -benchmem "$@" | awk '
		/^Benchmark/ { name = $1; sub(/-[0-9]+$/, "", name) }
		/ ns\/op/ {
			if (!(name in seen)) { seen[name] = 1; order[++n] = name }
			for (k = 1; k <= NF && $k != "ns/op"; k++) {}
			for (i = k - 1; i < NF && $i ~ /^[0-9.e+-]+$/; i += 2) {
				key = name SUBSEP $(i + 1)
				if (!(key in cnt)) { units[name] = units[name] " " $(i + 1) }
				vals[key, ++cnt[key]] = $i
			}
			next
		}
		/^(ok|FAIL|---|panic)/ { print }
		END {
			for (j = 1; j <= n; j++) {
				name = order[j]; line = name
				m = split(substr(units[name], 2), us, " ")
				for (u = 1; u <= m; u++) {
					key = name SUBSEP us[u]; c = cnt[key]
					for (a = 1; a <= c; a++) v[a] = vals[key, a] + 0
					for (a = 1; a <= c; a++) for (b = a + 1; b <= c; b++) if (v[b] < v[a]) { t = v[a]; v[a] = v[b]; v[b] = t }
					med = (c % 2) ? v[(c + 1) / 2] : (v[c / 2] + v[c / 2 + 1]) / 2
					line = line sprintf("  %s %s", fmt(med), us[u])
					if (c > 1) line = line sprintf(" (%s–%s)", fmt(v[1]), fmt(v[c]))
				}
				print line
			}
		}
		function fmt(x) { return (x >= 100 || x == int(x)) ? sprintf("%.0f", x) : sprintf("%.3g", x) }'
}

for clients in 8 64 256; do
	section "Page saves, API and HTML page renders at $clients clients ($load_runs × $load_time)" \
		bin/pulse bench --clients "$clients" --duration "$load_time" --runs "$load_runs"
	if [ "$clients" = 64 ]; then
		section "The same at 64 clients without the response-state cache (PULSE_STATE_CACHE=off), to compare" \
			bin/pulse bench --clients 64 --duration "$load_time" --runs "$load_runs" --state-cache=false
		section "The same at 64 clients without turns (PULSE_TURNS=off), to compare" \
			bin/pulse bench --clients 64 --duration "$load_time" --runs "$load_runs" --turns=false
		section "64 clients pausing 7.5–22.5 ms before each save (above 2,000 saves/s, below saturation)" \
			bin/pulse bench --clients 64 --duration "$load_time" --runs "$load_runs" --think 15ms
	fi
done
section "Slow disk: 5 ms added to every commit, 64 clients (PULSE_FSYNC_DELAY)" \
	bin/pulse bench --clients 64 --duration "$load_time" --fsync-delay 5ms
section "Start-up: pulse serve to the first 200 on /readyz" \
	bin/pulse bench --startup "$startup" --runs "$startup_runs" --db "$PULSE_BENCH_DIR/startup-$startup.db"
section "Export (workbook)" gobench ./internal/export -bench "$exports" -benchtime 1x -count "$export_count" -timeout 60m
section "Analysis of 100,000 responses" gobench ./internal/analysis -bench 'Analyse100k' -count "$export_count"
section "Micro: answer parsing, branching, completion" \
	gobench ./internal/survey -bench 'ParseInput|Visibility|Assess|Prune|Completion' -count "$count"
section "Micro: analysis of one response" gobench ./internal/analysis -bench 'AnalyserAdd' -count "$count"
section "Micro: breakdowns of 2,000 responses (flow, breakdowns, tests, suppression)" \
	gobench ./internal/analysis -bench 'Breakdowns' -benchtime 2x -count "$count"
section "Micro: page save (store, flow, API) and page render (API, HTML)" \
	gobench ./internal/store ./internal/server -bench 'SavePage|PageSave|PageRender' -count "$count"

commit=$(git rev-parse --short HEAD)
git diff --quiet HEAD -- cmd internal web go.mod || commit="$commit (with uncommitted changes)"
{
	printf '# Benchmark results (%s)\n\n' "$mode"
	printf 'Written by `scripts/bench.sh %s` (`make bench%s`) in %d minutes.\n\n' "$mode" \
		"$([ "$mode" = quick ] && echo -quick)" $((($(date +%s) - started + 59) / 60))
	printf -- '- Date: %s\n' "$(date -u '+%Y-%m-%d %H:%M UTC')"
	printf -- '- Commit: %s\n' "$commit"
	printf -- '- CPU: %s, %s cores\n' "$(sed -n 's/^model name[^:]*: //p' /proc/cpuinfo | head -1)" "$(nproc)"
	printf -- '- Kernel: %s; %s\n' "$(uname -sr)" "$(go version | cut -d' ' -f3-)"
	printf -- '- Load average (1, 5, 15 min) at the start: %s; at the end: %s\n' "$load_start" "$(cut -d' ' -f1-3 /proc/loadavg)"
	printf -- '- Disk of the databases: %s\n' "$(df -h "$PULSE_BENCH_DIR" | awk 'NR == 2 { print $1 " (" $2 ")" }')"
	printf '\nLoad: `pulse bench` runs respondents (half API, half HTML forms, no think time unless said) against\n'
	printf 'a fresh `pulse serve --demo` per run; "save" is a page save or submit, "page" a GET render.\n'
	printf 'Go benchmarks: median (min–max) of the runs.\n'
	cat "$tmp"
} >"$out"
echo "results written to $out" >&2
