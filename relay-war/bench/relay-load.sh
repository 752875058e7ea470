#!/usr/bin/env bash
# What forwarding costs the relay on loopback: forwarded MB/s for one pair alone and for PAIRS pairs at
# once, the relay's peak memory (VmRSS sampled every 200 ms, and its VmHWM) and its CPU seconds per GiB
# forwarded (utime+stime from /proc/PID/stat over the run). Each run against a fresh relay: the packaged
# relay.war in Payara Micro with -Xmx256m, as the end-to-end tests start it.
#
# Usage: relay-war/bench/relay-load.sh [ONE_PAIR_MIB [PAIRS [EACH_MIB]]]   (default 256 50 64)
# First:  mvn -B -DskipTests package   (builds the client jar, relay.war, Payara Micro and the test classes)
# Needs:  nothing beyond the JDK. Nothing is downloaded.
# Env:    P2PCOPY_BENCH_DIR (default: a new temp dir, removed after)
#         P2PCOPY_BENCH_MODES (default raw,client): raw, JDK WebSocket pairs pushing 1 MiB frames of random
#         bytes as fast as the relay takes them (the relay's cost alone: no protocol, no crypto, no disk);
#         client, the client library, encrypted as by default, each receiver writing its copy to disk,
#         every copy compared with the source
#         P2PCOPY_BENCH_RELAY_JVM: more JVM options for the relay, after its -Xmx256m (e.g. -Xmx1g)
#
# Prints one row per mode and size: pairs, MiB each, seconds, MB/s (every pair's payload over the wall
# time), the relay's peak RSS sampled and its VmHWM, its CPU seconds and CPU seconds per GiB. The
# senders and receivers run in the bench's JVM on the same machine, so on a small machine they compete
# with the relay for the cores. The work is done by org.p2pcopy.relay.e2e.RelayLoadBench
# (relay-war/src/test/java), which `mvn verify` never runs.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
module=$(cd "$here/.." && pwd)
relay_war=$module/target/relay.war
payara=$module/target/payara-micro.jar
test_classes=$module/target/test-classes
classpath_file=$module/target/test-classpath.txt
for f in "$relay_war" "$payara" "$classpath_file" "$test_classes/org/p2pcopy/relay/e2e/RelayLoadBench.class"; do
  [ -e "$f" ] || { echo "missing $f: run 'mvn -B -DskipTests package' first" >&2; exit 2; }
done

one_pair_mib=${1:-256}
pairs=${2:-50}
each_mib=${3:-64}
for n in "$one_pair_mib" "$pairs" "$each_mib"; do
  case $n in ''|*[!0-9]*|0) echo "usage: $0 [ONE_PAIR_MIB [PAIRS [EACH_MIB]]] (positive whole numbers)" >&2; exit 2;; esac
done

work=${P2PCOPY_BENCH_DIR:-$(mktemp -d /tmp/p2pcopy-relay-load.XXXXXX)}
mkdir -p "$work"
work=$(cd "$work" && pwd)
bench_pid=
cleanup() {
  set +e # a process that is already gone is no reason to stop cleaning up
  if [ -n "$bench_pid" ] && kill -0 "$bench_pid" 2>/dev/null; then
    # The bench stops its relay when told to; a relay left after it, goes.
    local left; left=$(ps -o pid= --ppid "$bench_pid" 2>/dev/null)
    kill "$bench_pid" 2>/dev/null
    for _ in $(seq 1 100); do kill -0 "$bench_pid" 2>/dev/null || break; sleep 0.2; done
    kill -9 "$bench_pid" 2>/dev/null
    # shellcheck disable=SC2086
    [ -n "$left" ] && kill -9 $left 2>/dev/null
  fi
  [ -z "${P2PCOPY_BENCH_DIR:-}" ] && rm -rf "$work"
  return 0
}
trap cleanup EXIT
trap 'exit 130' INT TERM

java -cp "$test_classes:$module/target/classes:$(cat "$classpath_file")" \
  -Dpayara.microJar="$payara" -Dp2pcopy.relayWar="$relay_war" \
  -Dp2pcopy.loopbackCommands="$test_classes/loopback.asadmin" \
  org.p2pcopy.relay.e2e.RelayLoadBench "$work" "${P2PCOPY_BENCH_MODES:-raw,client}" \
  "$one_pair_mib" "$pairs" "$each_mib" &
bench_pid=$!
wait "$bench_pid"
