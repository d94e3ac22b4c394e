#!/usr/bin/env bash
# A bounded smoke run of `npm start`: the server must come up, take the demo runs over HTTP, analyse them and
# answer the API; then it is stopped with SIGINT and must exit cleanly.
set -euo pipefail
log=$(mktemp)
data=$(mktemp -d)
REWARDSCOPE_DATA="$data" npm start > "$log" 2>&1 &
pid=$!
trap 'kill -INT $pid 2>/dev/null; sleep 3; pkill -9 -f "cli/main.js serve" 2>/dev/null || true' EXIT
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
  steps=$(curl -sf "$url/api/v1/runs/demo-format_gaming-1" | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>{try{console.log(JSON.parse(s).stepCount??0)}catch{console.log(0)}})')
  [ "$steps" -ge 200 ] && break
  sleep 1
done
[ "$steps" -ge 200 ] || { tail -n 40 "$log"; echo "the demo run reached only $steps steps"; exit 1; }
curl -sf "$url/api/v1/runs/demo-format_gaming-1/alerts?type=format_gaming" | grep -q '"format_gaming"' \
  || { echo "no format_gaming alert on the format_gaming demo run"; exit 1; }
curl -sf "$url/metrics" | grep -q '^rewardscope_step{run="demo-healthy-1"}' || { echo "no Prometheus metrics"; exit 1; }
curl -sf "$url/api/v1/openapi.json" > /dev/null
kill -INT $pid
wait $pid || { tail -n 20 "$log"; echo "npm start did not exit cleanly"; exit 1; }
trap - EXIT
grep -q "rewardscope stopped" "$log" || { tail -n 20 "$log"; echo "no clean stop"; exit 1; }
echo "npm start: $steps steps of the demo run analysed, alerts raised, API and metrics answered, clean stop"
tail -n 12 "$log"
