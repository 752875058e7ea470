#!/usr/bin/env bash
# What --compress auto|on|off does to a transfer through a local relay: a text-like tree (the
# project's sources and docs, a log, a CSV) and a tree of random data, each sent with each mode,
# encrypted (the default). Prints MB/s (file bytes over the time from the receiver's accept to its
# acknowledgement, as the client reports it), the bytes that crossed the relay as chunk payloads
# (from the client's "compressed:" line; file bytes when nothing was compressed), and what that
# would take on a 100 Mbit/s link, where the wire and not the compressor is the limit.
#
# Usage: java-client/bench/compression.sh [SIZE_MIB]   (default 256: the size of each tree; run
#        `mvn -B -DskipTests package` first)
# Env:   P2PCOPY_BENCH_PORT, P2PCOPY_BENCH_DIR, P2PCOPY_RELAY_URL as for transfer.sh
set -euo pipefail
size_mib=${1:-256}
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)

work=${P2PCOPY_BENCH_DIR:-$(mktemp -d /tmp/p2pcopy-compression.XXXXXX)}
mkdir -p "$work"
. "$here/relay.sh"

bytes=$((size_mib * 1024 * 1024))
echo "preparing a ${size_mib} MiB text-like tree and a ${size_mib} MiB random one in $work" >&2
mkdir -p "$work/text/sources" "$work/random"
cp -r "$root/java-client/src" "$root/web/src" "$root/docs" "$work/text/sources/"
rm -f "$work/text/sources/docs/"*.png
have=$(du -sb "$work/text" | cut -f1)
half=$(( (bytes - have) / 2 ))
awk -v n="$half" 'BEGIN { srand(7); while (size < n) {
  line = sprintf("2026-11-25T%02d:%02d:%02d.%03dZ INFO  [worker-%d] transfer %d: chunk %d of %d verified in %d ms",
    int(rand()*24), int(rand()*60), int(rand()*60), int(rand()*1000), int(rand()*16), int(rand()*100000),
    int(rand()*4096), 4096, int(rand()*50));
  print line; size += length(line) + 1 } }' > "$work/text/service.log"
awk -v n="$half" 'BEGIN { srand(11); print "id,timestamp,host,bytes,ratio,status"; while (size < n) {
  line = sprintf("%d,2026-11-%02dT%02d:%02d:00Z,node%03d.cluster.example,%d,%.4f,%s", ++i, 1 + int(rand()*30),
    int(rand()*24), int(rand()*60), int(rand()*400), int(rand()*1e9), rand(), (rand() < 0.97 ? "ok" : "retry"));
  print line; size += length(line) + 1 } }' > "$work/text/measurements.csv"
for i in 1 2 3 4; do head -c $((bytes / 4)) /dev/urandom > "$work/random/part-$i.bin"; done

start_relay

# run TREE MODE: leaves TREE-MODE.rate and TREE-MODE.wire (bytes)
run() {
  local tree=$1 mode=$2 name=$1-$2
  echo "$tree, --compress $mode" >&2
  rm -rf "$work/out"; mkdir -p "$work/out"
  java -jar "$client_jar" receive "$relay" "7-bench-$name" --out "$work/out" > "$work/$name-recv.log" 2>&1 &
  local recv=$!
  (cd "$work" && java -jar "$client_jar" send "$relay" "$tree" --code "7-bench-$name" --compress "$mode" > "$work/$name-send.log" 2>&1)
  wait "$recv"
  diff -r "$work/$tree" "$work/out/$tree" > /dev/null || { echo "the received $tree differs!" >&2; exit 5; }
  sed -n 's/^received .*, \([0-9.]*\) MB\/s:.*/\1/p' "$work/$name-recv.log" > "$work/$name.rate"
  local file_bytes; file_bytes=$(du -sb --apparent-size "$work/$tree" | cut -f1)
  # "compressed: 12.6 MiB of file data took 6.2 MiB on the wire, 49% of the data"
  local share; share=$(sed -n 's/^compressed: .*, \([0-9]*\)% of the data$/\1/p' "$work/$name-send.log")
  echo "${share:-100} $file_bytes" > "$work/$name.wire"
}
for tree in text random; do
  for mode in auto on off; do
    run "$tree" "$mode"
  done
done

printf '\n%-22s %8s %12s %12s %22s\n' "run (${size_mib} MiB, encrypted)" "MB/s" "file MiB" "on the wire" "at 100 Mbit/s (est.)"
for tree in text random; do
  for mode in auto on off; do
    read -r share file_bytes < "$work/$tree-$mode.wire"
    awk -v t="$tree" -v m="$mode" -v r="$(cat "$work/$tree-$mode.rate")" -v s="$share" -v b="$file_bytes" 'BEGIN {
      printf "%-22s %8s %12.1f %11s%% %20.1f s\n", t ", --compress " m, r, b / 1048576, s, b * s / 100 / 12.5e6 }'
  done
done
echo "'on the wire': chunk payload bytes as the sender reports them, to the percent; the last column is that over 12.5 MB/s." >&2
