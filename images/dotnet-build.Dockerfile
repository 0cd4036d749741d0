# The local stand-in for mcr.microsoft.com/dotnet/sdk: the Debian SDK base (clang and zlib for Native AOT; this
# machine's .NET SDK) plus the NuGet packages the images' projects restore, as the global packages folder and as the
# only package source. Restores inside `docker build --network none` then never reach out.
# https://learn.microsoft.com/nuget/consume-packages/managing-the-global-packages-and-cache-folders
ARG BASE_IMAGE=batchkit/dotnet-sdk:local
FROM ${BASE_IMAGE}
COPY NuGet.Config /root/.nuget/NuGet/NuGet.Config
COPY packages/ /root/.nuget/packages/
