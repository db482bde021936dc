#!/usr/bin/env bash
# Installs what the tests need, then runs every test of the solution and ends with "N passed, N failed".
# This is the README's test command; .ci/run calls it on a clean clone.
set -uo pipefail
cd "$(dirname "$0")/.."

# Every .NET process here is short-lived (the compiler, the test hosts, the serve processes tests start): the
# runtime's profiling for dynamic PGO costs CPU they do not live long enough to repay. Without it, on two
# cores: a clean build 36 to 38 s instead of 41 to 51 s, the unit project 1 min 34 to 38 s instead of 1 min 46
# to 54 s (docs/performance.md, "The test suite").
export DOTNET_TieredPGO=0

say() { printf '%s\n' "$*"; }

fail() { say "$1"; say "0 passed, 1 failed"; exit 1; }

# npm packages: the DSFR (theme), Azurite and MailDev (functions), the Nu HTML Checker (browser tests). They
# download while the solution restores and builds (the build needs only the theme's); the tests wait for them.
npm_install() {
  local dir=$1
  if [ ! -d "$dir/node_modules" ] || [ "$dir/package-lock.json" -nt "$dir/node_modules" ]; then
    say "installing npm packages in $dir..."
    (cd "$dir" && npm ci --no-audit --no-fund >/dev/null 2>"$work/npm-${dir//\//-}.err") \
      || { cat "$work/npm-${dir//\//-}.err"; return 1; }
  fi
}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
npm_install theme & npm_theme=$!
npm_install functions & npm_functions=$!
npm_install tests/WeekendCulturel.BrowserTests & npm_browser=$!

# Debian packages: Chromium's headless shell for the browser tests (SiteUnderTest.BrowserPath), a Java runtime
# for the HTML checker.
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }
missing=()
[ -x /usr/bin/chromium-headless-shell ] || missing+=(chromium-headless-shell)
command -v java >/dev/null 2>&1 || missing+=(default-jre-headless)
if [ ${#missing[@]} -gt 0 ]; then
  say "installing ${missing[*]} from Debian..."
  if ! { as_root apt-get update -qq && DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq "${missing[@]}" >/dev/null; }; then
    if [ "${missing[*]}" = chromium-headless-shell ] && [ -x /usr/bin/chromium ]; then
      # SiteUnderTest falls back to the full browser: the same tests, about 2 minutes slower.
      say "could not install chromium-headless-shell; the browser tests use /usr/bin/chromium"
    else
      fail "could not install ${missing[*]}"
    fi
  fi
fi

say "building..."
dotnet restore WeekendCulturel.sln -p:WarningsNotAsErrors=NU1603 >"$work/build.log" 2>&1
status=$?
wait "$npm_theme" || fail "npm ci failed in theme"
if [ "$status" -eq 0 ]; then
  dotnet build WeekendCulturel.sln --no-restore -c Release -p:WarningsNotAsErrors=NU1603 >>"$work/build.log" 2>&1
  status=$?
fi
grep -E " error |Build succeeded|Build FAILED|Time Elapsed" "$work/build.log" | sort -u
wait "$npm_functions" || fail "npm ci failed in functions"
wait "$npm_browser" || fail "npm ci failed in tests/WeekendCulturel.BrowserTests"

# One test project after the other: run side by side on two cores, Azurite, MailDev, serve and Chromium
# starved each other (8 min 34 s with 3 failures against about 6 min one after the other).
if [ "$status" -eq 0 ]; then
  for project in tests/WeekendCulturel.Tests tests/WeekendCulturel.BrowserTests; do
    say "running $project..."
    dotnet test "$project" -c Release --no-build 2>&1 | tee "$work/$(basename "$project").log"
    [ "${PIPESTATUS[0]}" -eq 0 ] || status=1
  done
fi

# dotnet test prints one summary per test project: "Passed!  - Failed: 0, Passed: 66, Skipped: 0, ...".
passed=0
failed=0
while read -r p f; do
  passed=$((passed + p))
  failed=$((failed + f))
done < <(cat "$work"/*.log | sed -nE 's/.*(Passed|Failed)! +- +Failed: +([0-9]+), Passed: +([0-9]+).*/\3 \2/p')

if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then
  # The build itself failed, or a test host crashed: count it as a failure rather than a silent pass.
  failed=1
fi

say "$passed passed, $failed failed"
[ "$status" -eq 0 ] && [ "$failed" -eq 0 ]
