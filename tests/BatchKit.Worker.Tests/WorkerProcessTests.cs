using System.Diagnostics;

namespace BatchKit.Worker.Tests;

/// <summary>The built worker binary as a real child process, configured only through its environment, against the emulator.</summary>
public sealed class WorkerProcessTests(WorkerFixture fixture) : IClassFixture<WorkerFixture>
{
    [Fact]
    public async Task The_process_reads_S3_aggregates_and_reaches_Step_Functions_through_AWS_ENDPOINT_URL()
    {
        // A token the emulator never issued: the worker does all its work, then Step Functions refuses the answer.
        var (exit, output, error) = await RunAsync(new()
        {
            ["TASK_TOKEN"] = "not-issued-by-this-endpoint",
            ["S3_BUCKET"] = WorkerFixture.Bucket,
            ["S3_KEY"] = "processed/day01/store_1002.json",
        });

        // The summary line is written only after the whole file was read from S3 and summed: a failed read would
        // answer the token with a failure instead and never print it. Its figures are day01's, from the expected file.
        var expected = Sales.DayTotals.Read(RepositoryPaths.SharedFile("data", "online-retail", "day01.expected.json")).Stores["store_1002"];
        Assert.Equal(2, exit);
        Assert.True(output.Contains($"processed/day01/store_1002.json: {expected.Rows} rows, total {Sales.Money.ToText(expected.Total)} in ", StringComparison.Ordinal), $"stdout:\n{output}\nstderr:\n{error}");
        Assert.Contains("refused the answer for s3://batchkit-sales/processed/day01/store_1002.json", error, StringComparison.Ordinal);
        Assert.Contains("InvalidToken", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_variable_is_a_clear_startup_error()
    {
        var (exit, _, error) = await RunAsync(new() { ["S3_BUCKET"] = WorkerFixture.Bucket });

        Assert.Equal(1, exit);
        Assert.Contains("cannot start: TASK_TOKEN is not set; S3_KEY is not set", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_startup_error_whose_failure_report_is_refused_still_exits_cleanly()
    {
        var (exit, _, error) = await RunAsync(new() { ["TASK_TOKEN"] = "not-issued-by-this-endpoint" });

        Assert.Equal(2, exit);
        Assert.Contains("cannot start: S3_BUCKET is not set; S3_KEY is not set", error, StringComparison.Ordinal);
        Assert.Contains("refused the failure report too:", error, StringComparison.Ordinal);
        Assert.Contains("Invalid Token", error, StringComparison.Ordinal);
        Assert.DoesNotContain("Unhandled exception", error, StringComparison.Ordinal);
    }

    private async Task<(int Exit, string Output, string Error)> RunAsync(Dictionary<string, string> variables)
    {
        var start = new ProcessStartInfo(Path.Combine(AppContext.BaseDirectory, "batchkit-worker")) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var name in new[] { "TASK_TOKEN", "S3_BUCKET", "S3_KEY", "AWS_PROFILE" })
        {
            start.Environment.Remove(name);
        }

        // What the emulator gives an ECS task: its endpoint as an IP literal (path-style S3), dummy credentials.
        start.Environment["AWS_ENDPOINT_URL"] = fixture.Emulator.ServiceUrl.ToString().TrimEnd('/');
        start.Environment["AWS_ACCESS_KEY_ID"] = "test";
        start.Environment["AWS_SECRET_ACCESS_KEY"] = "test";
        start.Environment["AWS_REGION"] = "us-east-1";
        foreach (var (name, value) in variables)
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        return (process.ExitCode, await output, await error);
    }
}
