namespace BatchKit.Cli.Local;

/// <summary>
/// Where the local stack keeps its state: the repository (found upward from the working directory by BatchKit.sln),
/// <c>.batchkit/</c> (pid files, logs, the emulator's data; ignored by git) and <c>artifacts/</c> (what `make up`
/// publishes: the emulator, the worker, the Lambda's bootstrap).
/// </summary>
internal sealed record LocalPaths(string Repository)
{
    public string State => Path.Combine(Repository, ".batchkit");

    public string Data => Path.Combine(State, "data");

    public string Artifacts => Path.Combine(Repository, "artifacts");

    public string Emulator => Path.Combine(Artifacts, "emulator", "BatchKit.Emulator");

    public string Worker => Path.Combine(Artifacts, "worker", "batchkit-worker");

    public string LambdaCode => Path.Combine(Artifacts, "functions");

    /// <summary>The Slack stub's mappings (WireMock's JSON format; the LocalStack engine's WireMock container reads them too).</summary>
    public string SlackMappings => Path.Combine(Repository, Deployment.SlackStubServer.MappingsFolder);

    public string PidFile(string name) => Path.Combine(State, name + ".pid");

    public string LogFile(string name) => Path.Combine(State, name + ".log");

    public static LocalPaths Find()
    {
        for (var dir = new DirectoryInfo(Directory.GetCurrentDirectory()); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "BatchKit.sln")))
            {
                return new LocalPaths(dir.FullName);
            }
        }

        throw new BatchKitException($"run batchkit inside the BatchKit repository: no BatchKit.sln in {Directory.GetCurrentDirectory()} or above");
    }

    /// <summary>Fails with the command that builds what is missing.</summary>
    public void RequireArtifacts()
    {
        foreach (var file in new[] { Emulator, Worker, Path.Combine(LambdaCode, "bootstrap") })
        {
            if (!File.Exists(file))
            {
                throw new BatchKitException(
                    $"{Path.GetRelativePath(Repository, file)} is missing: run `make artifacts` (make up does it) to publish the emulator, worker and Lambda.");
            }
        }
    }
}
