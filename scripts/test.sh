#!/usr/bin/env bash
# Runs every test project of the solution and closes with one summary line,
# `tests: N passed, N failed, N skipped`, summed over all projects (CI reads that line).
#
# The solution is built once; then the test projects run side by side (TEST_JOBS at a time, 4 by default), the
# slowest first, each with its own log printed whole when it ends. Most of a test project's time is spent waiting
# on child processes, containers and executions rather than computing, so more projects than cores keep both
# cores busy; `dotnet test BatchKit.sln` runs at most one per core and starts the end-to-end tests last.
set -uo pipefail
cd "$(dirname "$0")/.."

configuration=${CONFIGURATION:-Release}
jobs=${TEST_JOBS:-4}
logs=$(mktemp -d)
trap 'rm -rf "$logs"' EXIT

if ! dotnet build BatchKit.sln --configuration "$configuration" --nologo -v quiet; then
  echo "tests: 0 passed, 1 failed, 0 skipped (the build failed)"
  exit 1
fi

# The test projects of the solution, those known to take longest first (they bound the wall time).
mapfile -t projects < <(dotnet sln BatchKit.sln list | grep -E '\.Tests\.csproj$' | tr '\\' '/' |
  awk '{ rank = /EndToEnd/ ? 0 : /Containers/ ? 1 : /Emulator\.Tests|Conformance|Functions\.Tests|Testcontainers/ ? 2 : 3; print rank "\t" $0 }' |
  sort -s -k1,1n | cut -f2)

run_one() {
  local project=$1 log
  log="$2/$(basename "$project" .csproj).log"
  eval "dotnet test \"\$project\" --configuration \"\$configuration\" --no-build --nologo $TEST_ARGS" >"$log" 2>&1
  echo "exit code $?" >>"$log"
  cat "$log"
}
export -f run_one
# Arguments of this script (a --filter, say) go to every `dotnet test`.
TEST_ARGS=$(printf '%q ' "$@")
export configuration TEST_ARGS

printf '%s\n' "${projects[@]}" | xargs -P "$jobs" -I{} bash -c 'run_one "$1" "$2"' _ {} "$logs"

# VSTest prints one line per test assembly:
#   Passed!  - Failed:     0, Passed:    12, Skipped:     0, Total:    12, Duration: ...
# A project whose `dotnet test` failed without a failed test (its test host crashed, say) counts as one failure, so
# the closing line never says "0 failed" of a run that failed.
awk '
  FNR == 1 { file_failed = 0 }
  /(Passed|Failed)! +- +Failed: / {
    for (i = 1; i <= NF; i++) {
      if ($i == "Failed:")  { f += $(i+1) + 0; file_failed += $(i+1) + 0 }
      if ($i == "Passed:")  { p += $(i+1) + 0 }
      if ($i == "Skipped:") { s += $(i+1) + 0 }
    }
  }
  /^exit code [1-9]/ { crashed++; if (file_failed == 0) { f++; n = split(FILENAME, path, "/"); print "test.sh: " path[n] ": dotnet test failed with no failed test (its log is above)" } }
  END {
    printf "tests: %d passed, %d failed, %d skipped\n", p, f, s
    exit (f > 0 || crashed > 0) ? 1 : 0
  }
' "$logs"/*.log
