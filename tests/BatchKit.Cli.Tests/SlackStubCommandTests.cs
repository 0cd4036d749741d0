using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;
using BatchKit.Cli.Commands;
using BatchKit.Cli.Local;
using BatchKit.Deployment;

namespace BatchKit.Cli.Tests;

/// <summary>
/// <c>batchkit slack-stub</c>, the process <c>batchkit up</c> starts for Slack: a real child process with a pid file and a
/// log, read and steered (FailNextAsync) through the same admin client as the in-process stub, stopped by its own pid.
/// </summary>
public sealed partial class SlackStubCommandTests : IDisposable
{
    private readonly string _repository = Directory.CreateTempSubdirectory("batchkit-stub-").FullName;

    public void Dispose() => Directory.Delete(_repository, recursive: true);

    [Fact]
    public async Task The_stub_runs_in_the_background_answers_and_journals_like_Slack_and_stops_by_its_pid()
    {
        var process = new BackgroundProcess(UpCommand.SlackStubProcess, new LocalPaths(_repository));
        var (file, arguments) = CliExecutable.Command("slack-stub", "--port", "0", "--mappings", RepositoryMappings());
        var pid = process.Start(file, arguments);
        try
        {
            var stub = SlackStub.Attach(await ListeningUrlAsync(process.LogFile, TimeSpan.FromSeconds(30)));
            await stub.WaitUntilReadyAsync(TimeSpan.FromSeconds(10));
            using var http = new HttpClient();
            using var message = new StringContent("""{"text": "from the background"}""", Encoding.UTF8, "application/json");
            using var posted = await http.PostAsync(stub.WebhookUrl, message);

            await stub.FailNextAsync("retry me", times: 1, status: 503);
            var retried = new List<HttpStatusCode>();
            for (var i = 0; i < 2; i++)
            {
                using var retry = new StringContent("""{"text": "retry me"}""", Encoding.UTF8, "application/json");
                using var answer = await http.PostAsync(stub.WebhookUrl, retry);
                retried.Add(answer.StatusCode);
            }

            Assert.Equal((HttpStatusCode.OK, "ok"), (posted.StatusCode, await posted.Content.ReadAsStringAsync()));
            Assert.Equal([HttpStatusCode.ServiceUnavailable, HttpStatusCode.OK], retried);
            Assert.Equal([("from the background", 200), ("retry me", 503), ("retry me", 200)], (await stub.MessagesAsync()).Select(m => (m.Text, m.Status)));
            Assert.Equal(pid, process.RunningPid());
        }
        finally
        {
            Assert.True(await process.StopAsync());
        }

        Assert.Null(process.RunningPid());
        var log = await File.ReadAllTextAsync(process.LogFile);
        Assert.Contains("request: POST /services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX -> 200 (Slack incoming webhook)", log, StringComparison.Ordinal);
        Assert.Contains("Slack stub stopped (SIGTERM).", log, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_taken_port_fails_the_command_with_one_clear_line()
    {
        using var holder = new TcpListener(IPAddress.Loopback, 0);
        holder.Start();
        var port = ((IPEndPoint)holder.LocalEndpoint).Port;

        var run = await CliRun.InvokeAsync(
            "slack-stub", "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--mappings", RepositoryMappings());

        Assert.Equal(ExitCodes.UserError, run.ExitCode);
        var output = Regex.Replace(run.Output, @"\s+", " "); // the console wraps long lines
        Assert.Contains($"error: the Slack stub cannot listen on 127.0.0.1:{port}: the port is already in use", output, StringComparison.Ordinal);
    }

    /// <summary>The URL the stub logs once it listens (it bound port 0, so only it knows the port).</summary>
    private static async Task<Uri> ListeningUrlAsync(string log, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var text = File.Exists(log) ? await File.ReadAllTextAsync(log) : "";
            if (ListeningLine().Match(text) is { Success: true } match)
            {
                return new Uri(match.Groups[1].Value);
            }

            Assert.True(DateTime.UtcNow < deadline, $"batchkit slack-stub did not say where it listens within {timeout.TotalSeconds} s; its log:\n{text}");
            await Task.Delay(50);
        }
    }

    private static string RepositoryMappings()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "BatchKit.sln")))
            {
                return Path.Combine(dir.FullName, SlackStubServer.MappingsFolder);
            }
        }

        throw new FileNotFoundException("BatchKit.sln not found above " + AppContext.BaseDirectory);
    }

    [GeneratedRegex(@"listening on (http://127\.0\.0\.1:\d+/)")]
    private static partial Regex ListeningLine();
}
