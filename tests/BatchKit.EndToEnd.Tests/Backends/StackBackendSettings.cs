namespace BatchKit.EndToEnd.Tests.Backends;

/// <summary>What every backend is started with.</summary>
/// <param name="DataDirectory">A fresh directory of the test class for the backend's data.</param>
/// <param name="WorkerCommand">The worker as a process (the process backend maps the worker image to it).</param>
/// <param name="SlackStubUrl">The in-process WireMock.Net Slack stub, on 127.0.0.1 (the viewer reads its journal).</param>
/// <param name="HotReloadDirectories">Directories the functions' code may run from in place: this project's output
/// (the bootstrap) and the cloud assembly its asset is staged into.</param>
internal sealed record StackBackendSettings(string DataDirectory, string[] WorkerCommand, Uri SlackStubUrl, IReadOnlyList<string> HotReloadDirectories);
