#!/usr/bin/env bash
# Installs what building and testing BatchKit needs on a bare machine; safe to run again.
set -euo pipefail
cd "$(dirname "$0")/.."

need() { command -v "$1" >/dev/null 2>&1; }

if ! need dotnet; then
  echo "bootstrap: the .NET SDK 10 is required (https://dotnet.microsoft.com/download); 'dotnet' is not on PATH." >&2
  exit 1
fi
missing=()
need make || missing+=(make)
# The emulator's tests drive it with the real AWS CLI, as users do.
need aws || missing+=(awscli)
# The CDK app's tests synthesize through jsii, which runs on Node. (The Slack stub is WireMock.Net, in .NET: no Java;
# npm is needed only for make synth/deploy/destroy, whose CDK CLI `npm ci` installs from package-lock.json.)
need node || missing+=(nodejs)
# ECS tasks and Lambda functions run in containers: Debian's engine, and debootstrap for the local base images
# (no registry is reachable, so scripts/images.sh makes every image from Debian packages).
need dockerd || missing+=(docker.io)
need debootstrap || missing+=(debootstrap)
if [ ${#missing[@]} -gt 0 ]; then
  echo "bootstrap: installing ${missing[*]}" >&2
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
dotnet restore BatchKit.sln --nologo -v quiet
