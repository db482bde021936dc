#!/usr/bin/env bash
# Measures serve's rebuild after one edited file: starts serve on a copy of the content, edits one speaker
# file N times (default 20), and prints every rebuild time that serve reports, then their median.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-20}
port=${PORT:-8089}
work=$(mktemp -d)
cp -r content "$work/content"
dotnet build generator -c Release -p:WarningsNotAsErrors=NU1603 >/dev/null
dotnet generator/bin/Release/net10.0/weekend-culturel.dll serve --content "$work/content" --output "$work/_site" \
  --port "$port" --now 2025-02-01T10:00:00+01:00 >"$work/serve.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null; rm -rf "$work"' EXIT
sleep 5
for i in $(seq "$runs"); do
  sed -i "s/Cartooning for Peace/Cartooning for Peace /" "$work/content/speakers/kak.md"
  sleep 1
done
sleep 1
grep -o 'rebuild: .* [0-9]* ms' "$work/serve.log" | sed -E 's/.* ([0-9]+) ms/\1/' | sort -n >"$work/times"
echo "rebuild times (ms): $(tr '\n' ' ' <"$work/times")"
echo "median: $(awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}' "$work/times") ms over $(wc -l <"$work/times") rebuilds"
