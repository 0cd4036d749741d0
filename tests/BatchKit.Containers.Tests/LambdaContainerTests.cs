using System.Text.Json.Nodes;
using BatchKit.Emulator.Runtime;
using BatchKit.Emulator.Services.Lambda;

namespace BatchKit.Containers.Tests;

/// <summary>
/// A provided.al2023 function under --lambda-runtime container: its bootstrap runs in batchkit/lambda-provided, with
/// the code mounted at /var/task, as Lambda's non-root user, and answers through the emulator's Runtime API.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")] // containers and file modes: a Linux engine
public sealed class LambdaContainerTests : IAsyncLifetime
{
    private readonly EmulatorFixture _emulator = new();
    private readonly string _code = Directory.CreateTempSubdirectory("batchkit-lambda-container-").FullName;

    public async Task InitializeAsync()
    {
        await LocalImages.RequireAsync(LambdaWorkload.ProvidedImage);
        // Lambda needs the code world-readable (its runtime user is not the owner): 755 for directories and executables.
        // https://docs.aws.amazon.com/lambda/latest/dg/troubleshooting-deployment.html
        const UnixFileMode Executable = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead
            | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute;
        File.SetUnixFileMode(_code, Executable);
        var bootstrap = Path.Combine(_code, "bootstrap");
        File.Copy(Path.Combine(AppContext.BaseDirectory, "LambdaRuntime", "bootstrap"), bootstrap);
        File.SetUnixFileMode(bootstrap, Executable);
        await _emulator.InitializeAsync(o => o with { LambdaRuntime = RuntimeChoice.Container });
    }

    public async Task DisposeAsync()
    {
        await _emulator.DisposeAsync();
        Directory.Delete(_code, recursive: true);
    }

    [Fact]
    public async Task Invoke_is_answered_by_the_bootstrap_running_in_a_container_as_the_Lambda_user()
    {
        var (status, _, body) = await _emulator.LambdaAsync(HttpMethod.Post, "", new JsonObject
        {
            ["FunctionName"] = "in-container",
            ["Runtime"] = "provided.al2023",
            ["Role"] = "arn:aws:iam::000000000000:role/lambda",
            ["Handler"] = "upload",
            ["Timeout"] = 30,
            ["Code"] = new JsonObject { ["S3Bucket"] = "hot-reload", ["S3Key"] = _code },
            ["Environment"] = new JsonObject { ["Variables"] = new JsonObject { ["GREETING"] = "hello" } },
        });
        Assert.True(status == 201, body);

        (status, var response, body) = await _emulator.LambdaAsync(HttpMethod.Post, "/in-container/invocations", new JsonObject { ["day"] = "2026-11-22" });

        Assert.True(status == 200, body);
        Assert.False(response.Headers.Contains("X-Amz-Function-Error"), body);
        var answer = JsonNode.Parse(body)!;
        Assert.Equal("2026-11-22", answer["event"]!["day"]!.GetValue<string>());
        Assert.Equal(
            ("upload", "/var/task", "hello"),
            (answer["handler"]!.GetValue<string>(), answer["taskRoot"]!.GetValue<string>(), answer["greeting"]!.GetValue<string>()));
        // uid 993 is sbx_user1051, the user of batchkit/lambda-provided; the process runtime would run it as this test's user.
        Assert.Equal(993, answer["uid"]!.GetValue<int>());
        Assert.NotEmpty(await LocalImages.ContainersAsync(
            l => l.TryGetValue("batchkit.workload", out var name) && name.StartsWith("lambda-in-container-", StringComparison.Ordinal)));
    }
}
