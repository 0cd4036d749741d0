#!/usr/bin/env bash
# Runs every test project of the solution and closes with one summary line,
# `tests: N passed, N failed, N skipped`, summed over all projects and runs (CI reads that line).
#
# The end-to-end project runs once per backend (BATCHKIT_E2E_BACKEND, tests/BatchKit.EndToEnd.Tests/Backends): the
# in-process emulator, then the emulator container (`make test` builds its images first), and LocalStack when both
# BATCHKIT_LOCALSTACK_IMAGE and LOCALSTACK_AUTH_TOKEN are set. The line above the closing one names the backends run,
# as the suite reported them, and the one not chosen with its reason.
#
# TEST_PROJECTS="tests/A.Tests tests/B.Tests" builds and runs only those projects (the end-to-end one still once per
# backend); without it the solution is built and every test project runs.
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

if [ -n "${TEST_PROJECTS:-}" ]; then
  read -ra selected <<<"$TEST_PROJECTS"
  mapfile -t listed < <(for p in "${selected[@]}"; do ls "${p%/}"/*.Tests.csproj; done)
  build() { for p in "${listed[@]}"; do dotnet build "$p" --configuration "$configuration" --nologo -v quiet || return 1; done; }
else
  mapfile -t listed < <(dotnet sln BatchKit.sln list | grep -E '\.Tests\.csproj$' | tr '\\' '/')
  build() { dotnet build BatchKit.sln --configuration "$configuration" --nologo -v quiet; }
fi
if ! build; then
  echo "tests: 0 passed, 1 failed, 0 skipped (the build failed)"
  exit 1
fi

# The end-to-end project once per backend, one after the other in one slot (PROJECT|BACKEND,BACKEND): two at once on two
# cores pushed a 100-store day past its deadline. LocalStack only with its image and token.
backends=(process container)
localstack_missing=$(for v in BATCHKIT_LOCALSTACK_IMAGE LOCALSTACK_AUTH_TOKEN; do [ -n "${!v:-}" ] || echo "$v"; done)
if [ -z "$localstack_missing" ]; then
  backends+=(localstack)
  not_chosen=""
else
  not_chosen="localstack not chosen: $(echo "$localstack_missing" | paste -sd' ' | sed 's/ / and /') $(
    [ "$(echo "$localstack_missing" | wc -l)" = 1 ] && echo is || echo are) not set"
fi

# Those known to take longest first (they bound the wall time).
mapfile -t projects < <(printf '%s\n' "${listed[@]}" |
  awk -v backends="$(IFS=,; echo "${backends[*]}")" '
    { rank = /EndToEnd/ ? 0 : /Containers/ ? 1 : /Emulator\.Tests|Conformance|Functions\.Tests|Testcontainers/ ? 2 : 3
      print rank "\t" $0 (/EndToEnd/ ? "|" backends : "") }' |
  sort -s -k1,1n | cut -f2)

run_one() {
  local project=${1%|*} backend name log
  local -a runs=("")
  [ "$1" = "$project" ] || IFS=, read -ra runs <<<"${1#*|}"
  for backend in "${runs[@]}"; do
    name=$(basename "$project" .csproj)${backend:+.$backend}
    log="$2/$name.log"
    echo "test.sh: $name" >"$log"
    # BATCHKIT_E2E_BACKEND is set for the end-to-end runs only; each of their stacks reports the backend it used.
    eval "${backend:+BATCHKIT_E2E_BACKEND=$backend BATCHKIT_E2E_BACKEND_REPORT=\"\$2/\$name.backend\"} \
      dotnet test \"\$project\" --configuration \"\$configuration\" --no-build --nologo $TEST_ARGS" >>"$log" 2>&1
    echo "exit code $?" >>"$log"
    cat "$log"
  done
}
export -f run_one
# Arguments of this script (a --filter, say) go to every `dotnet test`.
TEST_ARGS=$(printf '%q ' "$@")
export configuration TEST_ARGS

printf '%s\n' "${projects[@]}" | xargs -P "$jobs" -I{} bash -c 'run_one "$1" "$2"' _ {} "$logs"

# What the end-to-end runs used, as their stacks reported it (a class that injects faults keeps the in-process emulator).
if compgen -G "$logs/*.backend" >/dev/null; then
  used=$(for f in "$logs"/*.backend; do
    run=${f%.backend}; run=${run##*.}
    echo "BATCHKIT_E2E_BACKEND=$run → $(sed 's/^end-to-end backend: //' "$f" | sort | uniq -c |
      awk '{ c = $1; $1 = ""; printf "%s%s ×%d", sep, substr($0, 2), c; sep = ", " }')"
  done | paste -sd';' | sed 's/;/; /g')
  echo "end-to-end runs (stacks per backend): $used${not_chosen:+; $not_chosen}"
fi

# The failed tests again, each with the first lines of its message, just above the closing line: CI keeps only the
# end of a long run's output, and a failure's name and message are what the reader of that end needs.
awk '
  FNR == 1 { run = FILENAME; sub(/.*\//, "", run); sub(/\.log$/, "", run) }
  /^  Failed [^ ]/ { name = $2; message = 0; next }
  /^  Error Message:/ && name != "" { message = 1; shown = 0; if (count++ < 20) print "test.sh: FAILED " run ": " name; next }
  /^  Stack Trace:/ { message = 0; name = ""; next }
  message && NF && count <= 20 && shown++ < 4 { print "test.sh:   " substr($0, 1, 300) }
  END { if (count > 20) print "test.sh: " count - 20 " more failures (their logs are above)" }
' "$logs"/*.log

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
