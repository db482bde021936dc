#!/usr/bin/env bash
# Installs what the tests need, then runs every test of the solution and ends with "N passed, N failed".
# This is the README's test command; .ci/run calls it on a clean clone.
set -uo pipefail
cd "$(dirname "$0")/.."

say() { printf '%s\n' "$*"; }

# Front-end packages: the DSFR for the theme (the theme's build also installs it when it is missing).
if [ ! -f theme/node_modules/@gouvfr/dsfr/package.json ]; then
  say "installing the theme's npm packages..."
  (cd theme && npm ci --no-audit --no-fund) || { say "npm ci failed in theme/"; say "0 passed, 1 failed"; exit 1; }
fi

log=$(mktemp)
say "building and running the tests..."
dotnet test WeekendCulturel.sln -c Release -p:WarningsNotAsErrors=NU1603 2>&1 | tee "$log"
status=${PIPESTATUS[0]}

# dotnet test prints one summary per test project: "Passed!  - Failed: 0, Passed: 66, Skipped: 0, ...".
passed=0
failed=0
while read -r p f; do
  passed=$((passed + p))
  failed=$((failed + f))
done < <(sed -nE 's/.*(Passed|Failed)! +- +Failed: +([0-9]+), Passed: +([0-9]+).*/\3 \2/p' "$log")
rm -f "$log"

if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then
  # The build itself failed, or a test host crashed: count it as a failure rather than a silent pass.
  failed=1
fi

say "$passed passed, $failed failed"
[ "$status" -eq 0 ] && [ "$failed" -eq 0 ]
