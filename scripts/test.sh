#!/usr/bin/env bash
# Runs every test project of the solution and closes with one summary line,
# `tests: N passed, N failed, N skipped`, summed over all projects (CI reads that line).
set -uo pipefail
cd "$(dirname "$0")/.."

log=$(mktemp)
trap 'rm -f "$log"' EXIT

dotnet test BatchKit.sln --configuration "${CONFIGURATION:-Release}" --nologo "$@" 2>&1 | tee "$log"
rc=${PIPESTATUS[0]}

# VSTest prints one line per test assembly:
#   Passed!  - Failed:     0, Passed:    12, Skipped:     0, Total:    12, Duration: ...
awk '
  /(Passed|Failed)! +- +Failed: / {
    for (i = 1; i <= NF; i++) {
      if ($i == "Failed:")  { f += $(i+1) + 0 }
      if ($i == "Passed:")  { p += $(i+1) + 0 }
      if ($i == "Skipped:") { s += $(i+1) + 0 }
    }
  }
  END { printf "tests: %d passed, %d failed, %d skipped\n", p, f, s }
' "$log"
exit "$rc"
