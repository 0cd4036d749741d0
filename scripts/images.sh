#!/usr/bin/env bash
# make images: the images the local stack runs, built on this machine without a registry.
#
#   batchkit/debian:bookworm          Debian minbase (debootstrap) imported as an image: the root of every local image
#   batchkit/dotnet-sdk:<sdk>         the build base: Debian with clang and zlib (Native AOT) and this machine's .NET SDK
#   batchkit/dotnet-build:<sdk>       the SDK base plus the NuGet packages the images restore (offline, no source)
#   batchkit/runtime-deps:<sdk>       stand-in for mcr.microsoft.com/dotnet/runtime-deps (non-root user APP_UID)
#   batchkit/dotnet-aspnet:<sdk>      stand-in for mcr.microsoft.com/dotnet/aspnet (this machine's shared runtimes)
#   batchkit/worker:<version>         src/BatchKit.Worker/Dockerfile: the SAME Dockerfile CDK deploys, local bases
#   batchkit/emulator:<version>       src/BatchKit.Emulator/Dockerfile
#   batchkit/lambda-provided:al2023   the execution environment of provided.* functions (images/lambda-provided.Dockerfile)
#
# Each image carries the label batchkit.inputs, a hash of what it is made from (files, arguments, its base's id); an
# image whose label matches is kept, so an unchanged `make images` takes seconds. The BatchKit images build with
# `docker build --network none`: nothing is downloaded by a build step. Needs a running engine (scripts/dockerd.sh).
set -euo pipefail
cd "$(dirname "$0")/.."

VERSION=$(sed -n 's:.*<Version>\(.*\)</Version>.*:\1:p' Directory.Build.props | head -n 1)
WORK=$PWD/.batchkit/images
SUITE=bookworm
MIRROR=${DEBIAN_MIRROR:-http://deb.debian.org/debian}
# What .NET loads at run time (https://learn.microsoft.com/dotnet/core/install/linux-debian#dependencies); invariant
# globalization everywhere, so no ICU in the runtime images.
RUNTIME_PACKAGES=ca-certificates,libssl3,tzdata,zlib1g
BUILD_PACKAGES=$RUNTIME_PACKAGES,clang,zlib1g-dev,libicu72
DOTNET_HOME=$(dirname "$(readlink -f "$(command -v dotnet)")")
SDK_VERSION=$(dotnet --version)
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

say() { echo "images: $*"; }
hash_of() { sha256sum | cut -c1-16; }
image_id() { docker image inspect -f '{{.Id}}' "$1"; }
# Whether image $1 exists and was made from the inputs hashed as $2.
fresh() { [ "$(docker image inspect -f '{{index .Config.Labels "batchkit.inputs"}}' "$1" 2>/dev/null)" = "$2" ]; }
# A hash of the files under the given paths (build output left out), with their names.
files_hash() { find "$@" -type f -not -path '*/bin/*' -not -path '*/obj/*' -print0 | sort -z | xargs -0 sha256sum | hash_of; }

# build_quietly IMAGE ARGS...: `docker build ARGS`, its output in a log that is shown only when it fails.
build_quietly() {
  local log="$WORK/${1//[\/:]/-}.build.log"
  shift
  if ! docker build --force-rm "$@" >"$log" 2>&1; then
    echo "images: docker build failed; the end of $log:" >&2
    tail -n 30 "$log" >&2
    exit 1
  fi
}

# timed IMAGE FUNCTION ARGS...: runs the function that builds IMAGE (it says "up to date" itself when it keeps it).
timed() {
  local image=$1 start=$SECONDS
  shift
  BUILT=1
  "$@"
  [ "$BUILT" = 0 ] || say "$image built in $((SECONDS - start)) s"
}
# up_to_date IMAGE: what a builder says when the image's inputs did not change.
up_to_date() { BUILT=0; say "$1 up to date"; }

# debootstrap DIR PACKAGES: a Debian minbase root file system with the packages named (and their dependencies).
rootfs() {
  rm -rf "$1"
  mkdir -p "$WORK/debs"
  if ! debootstrap --variant=minbase --include="$2" --cache-dir="$WORK/debs" "$SUITE" "$1" "$MIRROR" >"$1.log" 2>&1; then
    echo "images: debootstrap failed; the end of $1.log:" >&2
    tail -n 20 "$1.log" >&2
    exit 1
  fi
  rm -rf "$1"/var/cache/apt/archives/*.deb "$1"/var/lib/apt/lists/*
}

# import DIR IMAGE INPUTS [--change ...]: the root file system DIR as IMAGE, labelled with its inputs.
import() {
  local dir=$1 image=$2 inputs=$3
  shift 3
  tar -C "$dir" -c . | docker import --change "LABEL batchkit.inputs=$inputs" "$@" - "$image" >/dev/null
  rm -rf "$dir"
}

debian_base() {
  local image=batchkit/debian:$SUITE inputs
  inputs=$(echo "minbase $SUITE $RUNTIME_PACKAGES $MIRROR" | hash_of)
  if fresh "$image" "$inputs"; then up_to_date "$image"; return; fi
  rootfs "$WORK/rootfs-debian" "$RUNTIME_PACKAGES"
  import "$WORK/rootfs-debian" "$image" "$inputs" --change 'CMD ["/bin/bash"]'
}

dotnet_sdk() {
  local image=batchkit/dotnet-sdk:$SDK_VERSION inputs
  inputs=$(echo "minbase $SUITE $BUILD_PACKAGES $MIRROR $(dotnet --list-sdks) $(dotnet --list-runtimes)" | hash_of)
  if fresh "$image" "$inputs"; then up_to_date "$image"; return; fi
  rootfs "$WORK/rootfs-sdk" "$BUILD_PACKAGES"
  cp -a "$DOTNET_HOME" "$WORK/rootfs-sdk/usr/share/dotnet"
  ln -s /usr/share/dotnet/dotnet "$WORK/rootfs-sdk/usr/bin/dotnet"
  import "$WORK/rootfs-sdk" "$image" "$inputs" --change 'ENV DOTNET_ROOT=/usr/share/dotnet' \
    --change 'ENV DOTNET_NOLOGO=1' --change 'ENV DOTNET_CLI_TELEMETRY_OPTOUT=1' --change 'ENV DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1' \
    --change 'ENV NUGET_XMLDOC_MODE=skip' --change 'WORKDIR /src' --change 'CMD ["/bin/bash"]'
}

# The packages a project restores, as "id/version" folder names of the global packages folder, read from the assets
# file of a restore made with the same options as its Dockerfile's `dotnet publish`. The root project's assets name every
# package of its graph; --no-dependencies keeps the references' restores (which would share the output folder) out.
packages_of() {
  local project=$1 out
  shift
  out="$WORK/restore/$(basename "$project")"
  dotnet restore "$project" --no-dependencies -v quiet --nologo -p:RestoreOutputPath="$out/" "$@" >&2
  python3 - "$out/project.assets.json" <<'PY'
import json, sys
assets = json.load(open(sys.argv[1]))
for name, library in assets["libraries"].items():
    if library["type"] == "package":
        print(library["path"])
for framework in assets["project"]["frameworks"].values():
    for download in framework.get("downloadDependencies", []):
        print(f"{download['name'].lower()}/{download['version'].strip('[]').split(',')[0].strip()}")
PY
}

# The packages of both images' projects, restored once per state of what decides them (project files, central
# versions, SDK): an unchanged `make images` then runs no restore.
image_packages() {
  local key list
  key=$( (echo "$SDK_VERSION"; cat global.json Directory.Build.props Directory.Packages.props; cat src/*/*.csproj) | hash_of)
  list="$WORK/packages-$key.txt"
  if [ ! -s "$list" ]; then
    (packages_of src/BatchKit.Worker --runtime linux-x64 -p:PublishAot=true; packages_of src/BatchKit.Emulator --runtime linux-x64 -p:PublishAot=true) \
      | sort -u >"$list.tmp"
    mv "$list.tmp" "$list"
  fi
  cat "$list"
}

dotnet_build() {
  local image=batchkit/dotnet-build:$SDK_VERSION base=batchkit/dotnet-sdk:$SDK_VERSION packages inputs context
  packages=$(image_packages)
  inputs=$( (image_id "$base"; cat images/dotnet-build.Dockerfile; echo "$packages") | hash_of)
  if fresh "$image" "$inputs"; then up_to_date "$image"; return; fi
  context="$WORK/context-build"
  rm -rf "$context"
  mkdir -p "$context/packages"
  for package in $packages; do
    mkdir -p "$context/packages/$(dirname "$package")"
    # Hard links: the context costs no copy (the packages folder and the work tree share a file system here).
    cp -al "$HOME/.nuget/packages/$package" "$context/packages/$package" 2>/dev/null \
      || cp -a "$HOME/.nuget/packages/$package" "$context/packages/$package"
  done
  cat >"$context/NuGet.Config" <<'XML'
<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <packageSources>
    <clear />
    <add key="image" value="/root/.nuget/packages" />
  </packageSources>
</configuration>
XML
  build_quietly "$image" --network none -f images/dotnet-build.Dockerfile --build-arg BASE_IMAGE="$base" \
    --label batchkit.inputs="$inputs" -t "$image" "$context"
  rm -rf "$context"
}

# local_base NAME BASE [CONTEXT]: images/NAME.Dockerfile on BASE, with an empty context unless one is given.
local_base() {
  local image=$1 dockerfile=images/$2.Dockerfile base=$3 context=${4:-} inputs
  # The context's files by their paths inside it: its place (.batchkit/images/ of this checkout) is no input.
  inputs=$( (image_id "$base"; cat "$dockerfile"; [ -z "$context" ] || (cd "$context" && files_hash .)) | hash_of)
  if fresh "$image" "$inputs"; then up_to_date "$image"; return; fi
  if [ -z "$context" ]; then context="$WORK/context-empty"; mkdir -p "$context"; fi
  build_quietly "$image" --network none -f "$dockerfile" --build-arg BASE_IMAGE="$base" \
    --label batchkit.inputs="$inputs" -t "$image" "$context"
}

# The shared runtimes of this machine's .NET (no SDK), as the aspnet stand-in's build context.
runtime_context() {
  local context="$WORK/context-runtime"
  rm -rf "$context"
  mkdir -p "$context"
  cp -al "$DOTNET_HOME/dotnet" "$DOTNET_HOME/host" "$DOTNET_HOME/shared" "$context/" 2>/dev/null \
    || cp -a "$DOTNET_HOME/dotnet" "$DOTNET_HOME/host" "$DOTNET_HOME/shared" "$context/"
  echo "$context"
}

# product IMAGE DOCKERFILE: a BatchKit image from its Dockerfile at the repository root, with the local bases.
product() {
  local image=$1 dockerfile=$2 runtime=$3 build=batchkit/dotnet-build:$SDK_VERSION sources inputs
  # The inputs are what its COPY lines take from the context (not --from a stage), the Dockerfile and both bases.
  sources=$(grep -E '^COPY ' "$dockerfile" | grep -v -- '--from' | sed -E 's/^COPY +//; s/ +[^ ]+$//')
  # shellcheck disable=SC2086 # the sources are a list of paths
  inputs=$( (image_id "$build"; image_id "$runtime"; cat "$dockerfile" .dockerignore; files_hash $sources) | hash_of)
  if fresh "$image" "$inputs"; then up_to_date "$image"; return; fi
  build_quietly "$image" --network none -f "$dockerfile" --build-arg BUILD_IMAGE="$build" --build-arg RUNTIME_IMAGE="$runtime" \
    --label batchkit.inputs="$inputs" -t "$image" .
}

main() {
  if ! docker version --format '{{.Server.Version}}' >/dev/null 2>&1; then
    echo "images: no Docker engine answers; start one with scripts/dockerd.sh start (make images does)" >&2
    exit 1
  fi
  mkdir -p "$WORK"
  local start=$SECONDS
  timed batchkit/debian:$SUITE debian_base
  timed batchkit/dotnet-sdk:"$SDK_VERSION" dotnet_sdk
  timed batchkit/dotnet-build:"$SDK_VERSION" dotnet_build
  timed batchkit/runtime-deps:"$SDK_VERSION" local_base batchkit/runtime-deps:"$SDK_VERSION" runtime-deps batchkit/debian:$SUITE
  timed batchkit/dotnet-aspnet:"$SDK_VERSION" local_base batchkit/dotnet-aspnet:"$SDK_VERSION" aspnet \
    batchkit/runtime-deps:"$SDK_VERSION" "$(runtime_context)"
  rm -rf "$WORK/context-runtime"
  timed batchkit/lambda-provided:al2023 local_base batchkit/lambda-provided:al2023 lambda-provided batchkit/debian:$SUITE
  timed batchkit/worker:"$VERSION" product batchkit/worker:"$VERSION" src/BatchKit.Worker/Dockerfile \
    batchkit/runtime-deps:"$SDK_VERSION"
  timed batchkit/emulator:"$VERSION" product batchkit/emulator:"$VERSION" src/BatchKit.Emulator/Dockerfile \
    batchkit/dotnet-aspnet:"$SDK_VERSION"
  say "done in $((SECONDS - start)) s"
}

main "$@"
