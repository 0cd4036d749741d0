# The local stand-in for mcr.microsoft.com/dotnet/aspnet: runtime-deps plus the shared .NET and ASP.NET Core runtimes,
# taken from this machine's SDK (the build context is a copy of its host, shared/ and the dotnet muxer).
ARG BASE_IMAGE=batchkit/runtime-deps:local
FROM ${BASE_IMAGE}
COPY . /usr/share/dotnet/
RUN ln -s /usr/share/dotnet/dotnet /usr/bin/dotnet
ENV DOTNET_ROOT=/usr/share/dotnet DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1
