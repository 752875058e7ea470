#!/usr/bin/env bash
# Throughput and footprint of the relay's browser page, in headless Chromium on loopback, against
# the Java client, encrypted (the default): the page sends a SIZE_MIB random file to the client, then
# the client sends it to the page, which saves it as a download (?save=download). Both copies are
# compared with cmp.
#
# Usage: relay-war/bench/page.sh [SIZE_MIB]             (default 1024)
#        relay-war/bench/page.sh screenshots [DIR]      (default docs/: page-desktop.png and page-phone.png,
#                                                        the send panel at 1280x900 and at 375x800)
# First:  mvn -B -DskipTests package   (builds the client jar, relay.war, Payara Micro and the test classes)
# Needs:  /usr/bin/chromium and /usr/bin/chromedriver (Debian's chromium and chromium-driver; other paths
#         with P2PCOPY_CHROMIUM and P2PCOPY_CHROMEDRIVER), /usr/bin/time, cmp. Nothing is downloaded.
# Env:    P2PCOPY_BENCH_DIR (default: a new temp dir, removed after)
#         P2PCOPY_BENCH_CONTENT (default random): random, or text: the repository's tracked sources and docs
#         repeated to SIZE_MIB, which Zstandard level 1 shrinks to about 30 %
#         P2PCOPY_BENCH_COMPRESS (default auto): the sender's compression, auto, on or off (the page's
#         Compression choice, the client's --compress)
#         P2PCOPY_BENCH_RUNS (default send,receive,raw,steps): which runs; send and receive are the two
#         above, raw the browser's WebSocket alone against java-client/bench/RawPeer.java both ways (no
#         protocol, no crypto), steps the page's per-chunk steps (read, SHA-256, AES-GCM) timed one by one
#
# Prints per direction MB/s (file bytes over the transfer's time: page -> client as the Java receiver
# reports it, from its accept to its ack; client -> page timed in the page, from the click on Accept to
# the status saying "verified"), the browser's peak memory (VmRSS of every process below its
# chromedriver, summed, sampled every 200 ms; and the same as PSS), the client's peak RSS
# (/usr/bin/time -v), and CPU-seconds per GiB of the browser's processes, the client and the relay.
# The work is done by org.p2pcopy.relay.e2e.PageBench (relay-war/src/test/java), which `mvn verify`
# never runs.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
module=$(cd "$here/.." && pwd)
root=$(cd "$module/.." && pwd)
client_jar=$root/java-client/target/p2p-copy-client.jar
relay_war=$module/target/relay.war
payara=$module/target/payara-micro.jar
test_classes=$module/target/test-classes
classpath_file=$module/target/test-classpath.txt
chromium=${P2PCOPY_CHROMIUM:-/usr/bin/chromium}
chromedriver=${P2PCOPY_CHROMEDRIVER:-/usr/bin/chromedriver}
for f in "$client_jar" "$relay_war" "$payara" "$classpath_file" "$test_classes/org/p2pcopy/relay/e2e/PageBench.class"; do
  [ -e "$f" ] || { echo "missing $f: run 'mvn -B -DskipTests package' first" >&2; exit 2; }
done
for x in "$chromium" "$chromedriver"; do
  [ -x "$x" ] || { echo "needs $x (Debian: apt-get install chromium chromium-driver)" >&2; exit 2; }
done
[ -x /usr/bin/time ] || { echo "needs /usr/bin/time (apt-get install -y time)" >&2; exit 2; }

mode=bench
if [ "${1:-}" = screenshots ]; then
  mode=screenshots
  out=$(mkdir -p "${2:-$root/docs}" && cd "${2:-$root/docs}" && pwd)
else
  size_mib=${1:-1024}
  case $size_mib in ''|*[!0-9]*) echo "usage: $0 [SIZE_MIB] | $0 screenshots [DIR]" >&2; exit 2;; esac
fi

work=${P2PCOPY_BENCH_DIR:-$(mktemp -d /tmp/p2pcopy-page-bench.XXXXXX)}
mkdir -p "$work"
work=$(cd "$work" && pwd)
bench_pid=
# Everything below a process, deepest first.
descendants() {
  local child
  for child in $(ps -o pid= --ppid "$1" 2>/dev/null); do
    descendants "$child"
    echo "$child"
  done
}
cleanup() {
  set +e # a process that is already gone is no reason to stop cleaning up
  if [ -n "$bench_pid" ] && kill -0 "$bench_pid" 2>/dev/null; then
    # The bench stops its relay, browser and clients itself when told to; whatever is left after it, goes.
    local left; left=$(descendants "$bench_pid")
    kill "$bench_pid" 2>/dev/null
    for _ in $(seq 1 100); do kill -0 "$bench_pid" 2>/dev/null || break; sleep 0.2; done
    kill -9 "$bench_pid" 2>/dev/null
    # shellcheck disable=SC2086
    [ -n "$left" ] && kill -9 $left 2>/dev/null
    sleep 0.5
  fi
  [ -z "${P2PCOPY_BENCH_DIR:-}" ] && rm -rf "$work"
  return 0
}
trap cleanup EXIT
trap 'exit 130' INT TERM

run_bench() {
  java -cp "$test_classes:$module/target/classes:$(cat "$classpath_file")" \
    -Dpayara.microJar="$payara" -Dp2pcopy.relayWar="$relay_war" -Dp2pcopy.clientJar="$client_jar" \
    -Dp2pcopy.loopbackCommands="$test_classes/loopback.asadmin" \
    -Dp2pcopy.chromium="$chromium" -Dp2pcopy.chromedriver="$chromedriver" -DSE_OFFLINE=true \
    -Dp2pcopy.rawPeer="$root/java-client/bench/RawPeer.java" -Dp2pcopy.benchRuns="${P2PCOPY_BENCH_RUNS:-send,receive,raw,steps}" \
    -Dp2pcopy.benchCompress="${P2PCOPY_BENCH_COMPRESS:-auto}" \
    org.p2pcopy.relay.e2e.PageBench "$@" &
  bench_pid=$!
  wait "$bench_pid"
}

if [ "$mode" = screenshots ]; then
  run_bench screenshots "$out"
  exit 0
fi

bytes=$((size_mib * 1024 * 1024))
content=${P2PCOPY_BENCH_CONTENT:-random}
echo "preparing a ${size_mib} MiB $content file in $work" >&2
case $content in
  random) head -c "$bytes" /dev/urandom > "$work/payload.bin" ;;
  text)
    git -C "$root" ls-files -z -- '*.java' '*.js' '*.md' '*.html' '*.xml' '*.sh' \
      | (cd "$root" && xargs -0 cat) > "$work/corpus.txt"
    : > "$work/payload.bin"
    while [ "$(stat -c %s "$work/payload.bin")" -lt "$bytes" ]; do cat "$work/corpus.txt" >> "$work/payload.bin"; done
    truncate -s "$bytes" "$work/payload.bin"
    rm "$work/corpus.txt" ;;
  *) echo "P2PCOPY_BENCH_CONTENT is random or text, not $content" >&2; exit 2 ;;
esac
run_bench bench "$work" "$work/payload.bin"
