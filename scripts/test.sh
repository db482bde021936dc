#!/usr/bin/env bash
# Installs what the tests need, then runs every test of the solution and ends with "N passed, N failed".
# This is the README's test command; .ci/run calls it on a clean clone.
set -uo pipefail
cd "$(dirname "$0")/.."

say() { printf '%s\n' "$*"; }

fail() { say "$1"; say "0 passed, 1 failed"; exit 1; }

# npm packages: the DSFR (theme), Azurite and MailDev (functions), the Nu HTML Checker (browser tests).
for dir in theme functions tests/WeekendCulturel.BrowserTests; do
  if [ ! -d "$dir/node_modules" ] || [ "$dir/package-lock.json" -nt "$dir/node_modules" ]; then
    say "installing npm packages in $dir..."
    (cd "$dir" && npm ci --no-audit --no-fund) || fail "npm ci failed in $dir"
  fi
done

# Debian packages: Chromium for the browser tests, a Java runtime for the HTML checker.
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }
missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
command -v java >/dev/null 2>&1 || missing+=(default-jre-headless)
if [ ${#missing[@]} -gt 0 ]; then
  say "installing ${missing[*]} from Debian..."
  as_root apt-get update -qq && DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq "${missing[@]}" >/dev/null \
    || fail "could not install ${missing[*]}"
fi

log=$(mktemp)
say "building..."
dotnet build WeekendCulturel.sln -c Release -p:WarningsNotAsErrors=NU1603 >"$log" 2>&1
status=$?
grep -E " error |Build succeeded|Build FAILED|Time Elapsed" "$log" | sort -u

# One test project after the other: on two cores, Azurite, Chromium and the builds would fight for them.
if [ "$status" -eq 0 ]; then
  for project in tests/WeekendCulturel.Tests tests/WeekendCulturel.BrowserTests; do
    say "running $project..."
    dotnet test "$project" -c Release --no-build 2>&1 | tee -a "$log"
    [ "${PIPESTATUS[0]}" -eq 0 ] || status=1
  done
fi

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
