#!/usr/bin/env bash
# A bounded smoke run of `npm start`: the server must come up, take the demo runs over HTTP, analyse them and
# answer the API; then it is stopped with SIGINT and must stop cleanly.
set -euo pipefail
log=$(mktemp)
body=$(mktemp)
data=$(mktemp -d)
# Its own process group, so that SIGINT reaches the server behind npm and sh.
REWARDSCOPE_DATA="$data" setsid npm start > "$log" 2>&1 &
pid=$!
trap 'kill -KILL -- -$pid 2>/dev/null || true' EXIT
url=""
for _ in $(seq 1 120); do
  url=$(grep -oE 'listening on http://[^ ]+' "$log" | head -n1 | cut -d' ' -f3 || true)
  [ -n "$url" ] && break
  kill -0 $pid 2>/dev/null || { cat "$log"; echo "npm start exited early"; exit 1; }
  sleep 1
done
[ -n "$url" ] || { cat "$log"; echo "npm start did not print its URL"; exit 1; }
echo "server at $url"
steps=0
for _ in $(seq 1 120); do
  curl -sf "$url/api/v1/runs/demo-format_gaming-1" > "$body" || true
  steps=$(node -e 'try{console.log(JSON.parse(require("fs").readFileSync(process.argv[1],"utf8")).stepCount??0)}catch{console.log(0)}' "$body")
  [ "$steps" -ge 340 ] && break
  sleep 1
done
[ "$steps" -ge 340 ] || { tail -n 40 "$log"; echo "the demo run reached only $steps steps"; exit 1; }
curl -sf "$url/api/v1/runs/demo-format_gaming-1/alerts?type=format_gaming" > "$body"
grep -q '"format_gaming"' "$body" || { cat "$body"; echo "no format_gaming alert on the format_gaming demo run"; exit 1; }
curl -sf "$url/metrics" > "$body"
grep -q '^rewardscope_step{run="demo-healthy-1"}' "$body" || { echo "no Prometheus metrics"; exit 1; }
curl -sf "$url/api/v1/openapi.json" > /dev/null
grep -qE 'dashboard: http://[^ ]+/' "$log" || { echo "npm start did not print the dashboard URL"; exit 1; }
curl -sf "$url/run?name=demo-format_gaming-1" > "$body"
grep -q '<div id="root"' "$body" || { head -c 300 "$body"; echo "the dashboard is not served at /"; exit 1; }
kill -INT -- -$pid
for _ in $(seq 1 30); do
  kill -0 $pid 2>/dev/null || break
  sleep 1
done
grep -q "rewardscope stopped" "$log" || { tail -n 20 "$log"; echo "the server did not stop cleanly on SIGINT"; exit 1; }
echo "npm start: $steps steps of the demo run analysed, a format_gaming alert raised, API, metrics and dashboard answered, clean stop"
tail -n 8 "$log"
