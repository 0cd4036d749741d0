using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace BatchKit.Deployment;

/// <summary>
/// The Slack webhook stub: the real WireMock (Java 17; the npm package <c>wiremock</c> holds its standalone jar) with
/// the mappings in <c>localstack/wiremock/</c>, answering <c>POST /services/...</c> like Slack (<c>ok</c>). Read what
/// it received, and make it fail on purpose, through WireMock's admin API.
/// https://wiremock.org/docs/standalone/admin-api-reference/
/// </summary>
public sealed class SlackStub : IAsyncDisposable
{
    public const string WireMockJar = "node_modules/wiremock/build/wiremock-standalone-3.13.2.jar";
    public const string WebhookPath = "/services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX";
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(10) };
    private readonly Process? _process;

    private SlackStub(Uri baseUrl, Process? process)
    {
        BaseUrl = baseUrl;
        _process = process;
    }

    public Uri BaseUrl { get; }

    public Uri WebhookUrl => new(BaseUrl, WebhookPath);

    /// <summary>An already running stub (started by <c>make up</c>, say).</summary>
    public static SlackStub Attach(Uri baseUrl) => new(baseUrl, null);

    /// <summary>Starts WireMock as a child process that this object stops (tests); waits until it answers.</summary>
    public static async Task<SlackStub> StartAsync(string repositoryRoot, int port, CancellationToken cancellationToken = default)
    {
        var start = new ProcessStartInfo("java") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in Arguments(repositoryRoot, port))
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("could not start java (WireMock needs Java 17 on PATH)");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var stub = new SlackStub(new Uri($"http://127.0.0.1:{port}"), process);
        try
        {
            await stub.WaitUntilReadyAsync(TimeSpan.FromSeconds(60), cancellationToken).ConfigureAwait(false);
            return stub;
        }
        catch
        {
            await stub.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>The command line that runs WireMock with BatchKit's mappings (for tests and for <c>batchkit up</c>).</summary>
    public static IReadOnlyList<string> Arguments(string repositoryRoot, int port)
    {
        var jar = Path.Combine(repositoryRoot, WireMockJar);
        if (!File.Exists(jar))
        {
            throw new FileNotFoundException($"WireMock is not installed ({jar} is missing): run `npm ci` in {repositoryRoot} (make does it).", jar);
        }

        return ["-jar", jar, "--port", port.ToString(CultureInfo.InvariantCulture), "--bind-address", "127.0.0.1",
            "--root-dir", Path.Combine(repositoryRoot, "localstack", "wiremock"), "--disable-banner"];
    }

    public Task WaitUntilReadyAsync(TimeSpan timeout, CancellationToken cancellationToken = default) =>
        HttpReadiness.WaitAsync(new Uri(BaseUrl, "/__admin/health"), timeout,
            () => _process is { HasExited: true } ? $"WireMock exited with code {_process.ExitCode} before it was ready (is port {BaseUrl.Port} taken?)" : null,
            cancellationToken);

    /// <summary>Every message posted to the webhook, oldest first.</summary>
    public async Task<IReadOnlyList<SlackMessage>> MessagesAsync(CancellationToken cancellationToken = default)
    {
        var journal = await Http.GetFromJsonAsync<JsonObject>(new Uri(BaseUrl, "/__admin/requests"), cancellationToken).ConfigureAwait(false);
        var messages = new List<SlackMessage>();
        foreach (var entry in journal?["requests"]?.AsArray() ?? [])
        {
            var request = entry!["request"]!;
            if (request["method"]?.GetValue<string>() != "POST" || request["url"]?.GetValue<string>()?.StartsWith("/services/", StringComparison.Ordinal) != true)
            {
                continue;
            }

            var body = request["body"]?.GetValue<string>() ?? "";
            string text;
            try
            {
                text = JsonNode.Parse(body)?["text"]?.GetValue<string>() ?? body;
            }
            catch (System.Text.Json.JsonException)
            {
                text = body;
            }

            var received = DateTimeOffset.FromUnixTimeMilliseconds(request["loggedDate"]?.GetValue<long>() ?? 0);
            messages.Add(new SlackMessage(received, entry["responseDefinition"]?["status"]?.GetValue<int>() ?? 0, text));
        }

        return [.. messages.OrderBy(m => m.Received)];
    }

    /// <summary>
    /// Answers the next <paramref name="times"/> messages whose body contains <paramref name="bodyContains"/> with
    /// <paramref name="status"/>, then as usual (a WireMock scenario), to prove the workflow's retries.
    /// </summary>
    public async Task FailNextAsync(string bodyContains, int times, int status, CancellationToken cancellationToken = default)
    {
        var scenario = "fail-" + Guid.NewGuid().ToString("N");
        for (var i = 0; i < times; i++)
        {
            var mapping = new JsonObject
            {
                ["priority"] = 1,
                ["scenarioName"] = scenario,
                ["requiredScenarioState"] = i == 0 ? "Started" : $"failed-{i}",
                ["newScenarioState"] = $"failed-{i + 1}",
                ["request"] = new JsonObject
                {
                    ["method"] = "POST",
                    ["urlPathPattern"] = "/services/.+",
                    ["bodyPatterns"] = new JsonArray(new JsonObject { ["contains"] = bodyContains }),
                },
                ["response"] = new JsonObject { ["status"] = status, ["body"] = "injected failure" },
            };
            using var response = await Http.PostAsJsonAsync(new Uri(BaseUrl, "/__admin/mappings"), mapping, cancellationToken).ConfigureAwait(false);
            response.EnsureSuccessStatusCode();
        }
    }

    public int? ProcessId => _process?.Id;

    public async ValueTask DisposeAsync()
    {
        if (_process is not null)
        {
            try
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync().ConfigureAwait(false);
            }
            catch (InvalidOperationException)
            {
                // Already exited.
            }

            _process.Dispose();
        }
    }
}
