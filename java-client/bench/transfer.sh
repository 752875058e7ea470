#!/usr/bin/env bash
# Throughput and footprint of one p2p-copy transfer through a local relay, next to the ceiling that
# relay sets: a raw peer pair (RawPeer.java) that pushes and counts bytes without any protocol.
#
# Usage: java-client/bench/transfer.sh [SIZE_MIB]      (default 1024; run `mvn -B -DskipTests package` first)
# Env:   P2PCOPY_BENCH_PORT (default: a free port), P2PCOPY_BENCH_DIR (default: a new temp dir, removed after)
#        P2PCOPY_RELAY_URL  use this running relay instead of starting one (relay CPU and RSS then not shown)
#
# Runs p2p-copy twice, with --no-encrypt and encrypted (the default), and prints MB/s (file bytes
# over the time from the receiver's accept to its acknowledgement, as the
# client reports it), and per side the peak RSS and CPU-seconds per GiB (user+sys).
set -euo pipefail
size_mib=${1:-1024}
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
[ -x /usr/bin/time ] || { echo "needs /usr/bin/time (apt-get install -y time)" >&2; exit 2; }

work=${P2PCOPY_BENCH_DIR:-$(mktemp -d /tmp/p2pcopy-bench.XXXXXX)}
mkdir -p "$work"
. "$here/relay.sh"

cpu_seconds() { awk -v t="$(getconf CLK_TCK)" '{printf "%.2f", ($14+$15)/t}' "/proc/$1/stat"; }
per_gib() { awk -v s="$1" -v b="$2" 'BEGIN {printf "%.1f", s * 1073741824 / b}'; }
time_field() { sed -n "s/^\s*$2: //p" "$1"; }
cpu_of() { awk -v u="$(time_field "$1" 'User time (seconds)')" -v s="$(time_field "$1" 'System time (seconds)')" 'BEGIN {printf "%.2f", u+s}'; }

bytes=$((size_mib * 1024 * 1024))
echo "preparing a ${size_mib} MiB random file in $work" >&2
head -c "$bytes" /dev/urandom > "$work/payload.bin"

start_relay

relay_cpu() { if [ -n "$relay_pid" ]; then cpu_seconds "$relay_pid"; else echo 0; fi; }

# --- warm-up: a small transfer, as every user's first one, writes the client's class cache
# (see docs/usage.md), which costs memory once at exit; the runs below measure the steady state.
head -c 1024 /dev/urandom > "$work/warm-up.bin"
mkdir -p "$work/warm-up"
java -jar "$client_jar" receive "$relay" 7-warm-up --out "$work/warm-up" -q &
warm_up=$!
(cd "$work" && java -jar "$client_jar" send "$relay" warm-up.bin --code 7-warm-up -q)
wait "$warm_up"

# --- baseline: the relay alone, fed by peers that do nothing but push and count
echo "baseline: raw peers through the relay" >&2
(cd "$here" && javac -d "$work/raw" RawPeer.java)
r0=$(relay_cpu)
/usr/bin/time -v -o "$work/raw-recv.time" java -cp "$work/raw" RawPeer receive "$relay" raw "$bytes" 2> "$work/raw-recv.log" &
raw_recv=$!
sleep 1
/usr/bin/time -v -o "$work/raw-send.time" java -cp "$work/raw" RawPeer send "$relay" raw "$bytes" 2> "$work/raw-send.log"
wait "$raw_recv"
r1=$(relay_cpu)
raw_rate=$(sed -n 's/.*: \([0-9.]*\) MB\/s/\1/p' "$work/raw-recv.log")

# --- p2p-copy: the client jar on both sides, every chunk hashed, checked and written to disk;
# once without encryption and once with it (the default), in the same run on the same relay.
# transfer NAME [send options]: leaves NAME.rate, NAME-send.time, NAME-recv.time and NAME.relay-cpu
transfer() {
  local name=$1; shift
  echo "p2p-copy ($name): client jar on both sides" >&2
  rm -rf "$work/out"; mkdir -p "$work/out"
  local before; before=$(relay_cpu)
  /usr/bin/time -v -o "$work/$name-recv.time" java -jar "$client_jar" receive "$relay" "7-bench-$name" --out "$work/out" 2> "$work/$name-recv.log" &
  local recv=$!
  (cd "$work" && /usr/bin/time -v -o "$work/$name-send.time" java -jar "$client_jar" send "$relay" payload.bin --code "7-bench-$name" "$@" 2> "$work/$name-send.log")
  wait "$recv"
  awk -v a="$before" -v b="$(relay_cpu)" 'BEGIN{print b-a}' > "$work/$name.relay-cpu"
  cmp -s "$work/payload.bin" "$work/out/payload.bin" || { echo "the received file differs!" >&2; exit 5; }
  sed -n 's/^received .*, \([0-9.]*\) MB\/s:.*/\1/p' "$work/$name-recv.log" > "$work/$name.rate"
}
transfer plain --no-encrypt
transfer encrypted

relay_rss=-
[ -n "$relay_pid" ] && relay_rss=$(awk '/VmHWM/ {printf "%d", $2/1024}' "/proc/$relay_pid/status")
rss() { awk '{printf "%d", $1/1024}' <<< "$(time_field "$1" 'Maximum resident set size (kbytes)')"; }

printf '\n%-22s %10s %12s %12s %12s %14s %14s %14s\n' "run (${size_mib} MiB)" "MB/s" "send RSS MiB" "recv RSS MiB" "relay RSS MiB" "send CPU s/GiB" "recv CPU s/GiB" "relay CPU s/GiB"
printf '%-22s %10s %12s %12s %12s %14s %14s %14s\n' "raw peers (ceiling)" "$raw_rate" "$(rss "$work/raw-send.time")" \
  "$(rss "$work/raw-recv.time")" "$relay_rss" "$(per_gib "$(cpu_of "$work/raw-send.time")" "$bytes")" \
  "$(per_gib "$(cpu_of "$work/raw-recv.time")" "$bytes")" "$(per_gib "$(awk -v a="$r0" -v b="$r1" 'BEGIN{print b-a}')" "$bytes")"
row() {
  printf '%-22s %10s %12s %12s %12s %14s %14s %14s\n' "p2p-copy $1" "$(cat "$work/$1.rate")" "$(rss "$work/$1-send.time")" \
    "$(rss "$work/$1-recv.time")" "$relay_rss" "$(per_gib "$(cpu_of "$work/$1-send.time")" "$bytes")" \
    "$(per_gib "$(cpu_of "$work/$1-recv.time")" "$bytes")" "$(per_gib "$(cat "$work/$1.relay-cpu")" "$bytes")"
}
row plain
row encrypted
awk -v p="$(cat "$work/plain.rate")" -v e="$(cat "$work/encrypted.rate")" -v r="$raw_rate" 'BEGIN {
  printf "plain p2p-copy reaches %.0f%% of the raw ceiling; encrypted reaches %.0f%% of plain\n", 100*p/r, 100*e/p }'
