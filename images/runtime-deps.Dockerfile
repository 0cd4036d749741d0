# The local stand-in for mcr.microsoft.com/dotnet/runtime-deps: the Debian minbase (with the libraries .NET loads:
# ca-certificates, libssl3, tzdata, zlib1g) plus the non-root user Microsoft's images define, uid 1654, named by
# APP_UID so a Dockerfile's `USER $APP_UID` means the same user on both.
# https://learn.microsoft.com/dotnet/core/docker/container-images#non-root-user
ARG BASE_IMAGE=batchkit/debian:bookworm
FROM ${BASE_IMAGE}
ENV APP_UID=1654
RUN groupadd --gid "$APP_UID" app && useradd --uid "$APP_UID" --gid app --no-create-home --shell /usr/sbin/nologin app
