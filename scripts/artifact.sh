#!/usr/bin/env bash
# artifact.sh DIR PROJECT ARGS...: `dotnet publish PROJECT ARGS --output DIR`, but only when its inputs changed.
#
# The inputs are the files of PROJECT and of every project it references (transitively, build output left out), the
# repository's build settings (Directory.Build.*, Directory.Packages.props, global.json, and build/, the native code
# Directory.Build.targets links into Native AOT binaries), the SDK version and the publish arguments. Their hash
# is kept in DIR/.batchkit-inputs after a successful publish; an artifact whose hash matches is kept as it is, so
# `make up` with nothing changed does not publish again (a publish of the three artifacts takes about three minutes here,
# two of them the emulator's Native AOT compilation).
# `dotnet build` of the CLI uses the same check with DIR = its output directory and ARGS starting with `build`.
set -euo pipefail
cd "$(dirname "$0")/.."

dir=$1
project=${2%/}
shift 2

# The project directories PROJECT depends on, itself first: ProjectReference includes followed to their ends.
references() {
  local queue=("$1") seen=" " current file ref
  while [ ${#queue[@]} -gt 0 ]; do
    current=${queue[0]}
    queue=("${queue[@]:1}")
    case "$seen" in *" $current "*) continue ;; esac
    seen="$seen$current "
    echo "$current"
    for file in "$current"/*.csproj; do
      # Include="..\BatchKit.Aws\BatchKit.Aws.csproj" -> src/BatchKit.Aws (references are relative to the project).
      while read -r ref; do
        queue+=("$(realpath --relative-to=. "$current/$(dirname "${ref//\\//}")")")
      done < <(sed -n 's:.*<ProjectReference Include="\([^"]*\)".*:\1:p' "$file")
    done
  done
}

inputs_hash() {
  {
    # shellcheck disable=SC2046 # one path per project directory, none with spaces
    find $(references "$project") -type f -not -path '*/bin/*' -not -path '*/obj/*' -print0 | sort -z | xargs -0 sha256sum
    sha256sum Directory.Build.props Directory.Build.targets Directory.Packages.props global.json build/*
    # The installed SDKs, without starting `dotnet --version` (a few hundred ms of CPU, more than all the hashing).
    ls "$(dirname "$(readlink -f "$(command -v dotnet)")")/sdk"
    echo "$*"
  } | sha256sum | cut -c1-32
}

stamp=$dir/.batchkit-inputs
hash=$(inputs_hash "$@")
if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$hash" ]; then
  echo "artifact: $dir up to date"
  exit 0
fi

rm -f "$stamp"
start=$SECONDS
if [ "${1:-}" = build ]; then
  dotnet "$@" "$project" --nologo -v quiet
else
  dotnet publish "$project" "$@" --output "$dir" --nologo -v quiet
fi
mkdir -p "$dir"
echo "$hash" >"$stamp"
echo "artifact: $dir built in $((SECONDS - start)) s"
