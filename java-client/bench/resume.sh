#!/usr/bin/env bash
# Resume: what it costs to continue an interrupted transfer, through a local relay.
#
# Usage: java-client/bench/resume.sh [SIZE_MIB]      (default 1024; run `mvn -B -DskipTests package` first)
# Env:   as transfer.sh (P2PCOPY_BENCH_PORT, P2PCOPY_BENCH_DIR, P2PCOPY_RELAY_URL)
#
# 1. sends a random file of SIZE_MIB, kills the receiver (SIGKILL) when about half of it has arrived;
# 2. sends it again with `receive --resume`: only the rest moves; prints the time each side spent
#    checking what was there and the whole run's time;
# 3. resumes once more into the now complete folder: nothing moves, both sides only hash the file —
#    the check's cost per GiB, the overhead a resume adds.
set -euo pipefail
size_mib=${1:-1024}
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
work=${P2PCOPY_BENCH_DIR:-$(mktemp -d /tmp/p2pcopy-bench.XXXXXX)}
mkdir -p "$work"
. "$here/relay.sh"

bytes=$((size_mib * 1024 * 1024))
echo "preparing a ${size_mib} MiB random file in $work" >&2
head -c "$bytes" /dev/urandom > "$work/payload.bin"
start_relay
out=$work/out
partial=$out/.payload.bin.p2p-copy-part

# Prints the run's wall time in seconds; both sides' output goes to $work/$1-{send,receive}.log.
run() {
  local name=$1 code=7-resume-$1; shift
  local start=$(date +%s.%N)
  java -jar "$client_jar" receive "$relay" "$code" --out "$out" "$@" 2> "$work/$name-receive.log" &
  local receiver=$!
  (cd "$work" && java -jar "$client_jar" send "$relay" payload.bin --code "$code" 2> "$work/$name-send.log")
  wait "$receiver"
  awk -v s="$start" -v e="$(date +%s.%N)" 'BEGIN {printf "%.1f", e - s}'
}
checked() { sed -n 's/.*checked in \([0-9.]*\) s.*/\1/p' "$1"; }
per_gib() { awk -v s="$1" -v m="$2" 'BEGIN {printf "%.2f", s * 1024 / m}'; }

echo "1. interrupting at about half" >&2
java -jar "$client_jar" receive "$relay" 7-resume-first --out "$out" 2> "$work/first-receive.log" &
receiver=$!
(cd "$work" && java -jar "$client_jar" send "$relay" payload.bin --code 7-resume-first 2> "$work/first-send.log") &
sender=$!
while [ "$(stat -c %s "$partial" 2>/dev/null || echo 0)" -lt $((bytes / 2)) ]; do sleep 0.02; done
kill -KILL "$receiver"
wait "$receiver" 2>/dev/null || true
wait "$sender" 2>/dev/null || echo "sender: exit $? (the receiver was killed)" >&2
held=$(stat -c %s "$partial")

echo "2. resuming" >&2
resumed=$(run resumed --resume)
cmp "$work/payload.bin" "$out/payload.bin"
grep -h "^resumed:" "$work/resumed-send.log" >&2

echo "3. resuming what is complete already" >&2
complete=$(run complete --resume)

printf '\n%-42s %s\n' "file" "${size_mib} MiB, random"
printf '%-42s %s MiB\n' "held by the receiver after the kill" "$((held / 1048576))"
printf '%-42s %s s\n' "resumed run, wall (incl. JVM starts, pairing)" "$resumed"
printf '%-42s receiver %s s, sender %s s\n' "  checking what was held" "$(checked "$work/resumed-receive.log")" \
  "$(checked "$work/resumed-send.log")"
printf '%-42s %s s\n' "complete run, wall" "$complete"
printf '%-42s receiver %s s/GiB, sender %s s/GiB\n' "  checking, per GiB held" \
  "$(per_gib "$(checked "$work/complete-receive.log")" "$size_mib")" \
  "$(per_gib "$(checked "$work/complete-send.log")" "$size_mib")"
