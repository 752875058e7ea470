# Sourced by the benchmark scripts beside it: the build's client jar ($client_jar), and a relay of
# the build's own on a free loopback port, stopped (and the work folder removed, unless
# P2PCOPY_BENCH_DIR named it) when the script exits. Needs: $root (the project) and $work (a
# folder). start_relay sets $relay (ws://...) and $relay_pid (empty when P2PCOPY_RELAY_URL names a
# running relay, which is then used instead).
relay_pid=
cleanup() {
  [ -n "$relay_pid" ] && kill "$relay_pid" 2>/dev/null && { wait "$relay_pid" 2>/dev/null || true; }
  [ -z "${P2PCOPY_BENCH_DIR:-}" ] && rm -rf "$work"
  return 0
}
trap cleanup EXIT

client_jar=$root/java-client/target/p2p-copy-client.jar
relay_war=$root/relay-war/target/relay.war
payara=$root/relay-war/target/payara-micro.jar
for f in "$client_jar" "$relay_war" "$payara"; do
  [ -f "$f" ] || { echo "missing $f: run 'mvn -B -DskipTests package' first" >&2; exit 2; }
done

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

start_relay() {
  if [ -n "${P2PCOPY_RELAY_URL:-}" ]; then
    relay=$P2PCOPY_RELAY_URL
    return
  fi
  local port=${P2PCOPY_BENCH_PORT:-$(free_port)}
  echo "set configs.config.server-config.network-config.network-listeners.network-listener.http-listener.address=127.0.0.1" > "$work/loopback.asadmin"
  java -Xmx256m -jar "$payara" --deploy "$relay_war" --contextroot / --port "$port" --nohazelcast \
    --disablephonehome --prebootcommandfile "$work/loopback.asadmin" --rootdir "$work/payara" > "$work/relay.log" 2>&1 &
  relay_pid=$!
  for _ in $(seq 1 240); do
    curl -fs -o /dev/null "http://127.0.0.1:$port/" && break
    sleep 0.5
  done
  curl -fs -o /dev/null "http://127.0.0.1:$port/" || { echo "relay did not start:" >&2; cat "$work/relay.log" >&2; exit 3; }
  relay=ws://127.0.0.1:$port
}
