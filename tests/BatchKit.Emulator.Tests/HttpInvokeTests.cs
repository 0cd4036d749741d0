using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace BatchKit.Emulator.Tests;

/// <summary>http:invoke with an EventBridge connection, against a real HTTP server on loopback that answers like Slack.</summary>
public sealed class HttpInvokeTests(EmulatorFixture emulator) : IClassFixture<EmulatorFixture>, IAsyncLifetime
{
    private readonly ConcurrentQueue<(string Authorization, string Body)> _received = new();
    private WebApplication _slack = null!;
    private int _failuresLeft;
    private Uri _url = null!;

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        _slack = builder.Build();
        _slack.Run(async context =>
        {
            using var reader = new StreamReader(context.Request.Body);
            _received.Enqueue((context.Request.Headers.Authorization.ToString(), await reader.ReadToEndAsync()));
            var fail = Interlocked.Decrement(ref _failuresLeft) >= 0;
            context.Response.StatusCode = fail ? 500 : 200;
            context.Response.ContentType = "text/html";
            await context.Response.WriteAsync(fail ? "internal_error" : "ok");
        });
        await _slack.StartAsync();
        _url = new Uri(_slack.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
    }

    public async Task DisposeAsync() => await _slack.DisposeAsync();

    [Fact]
    public async Task Posts_with_the_connections_credentials_and_retries_a_500()
    {
        _failuresLeft = 1;
        var connection = await ConnectionAsync();

        var (status, output, _) = await RunAsync(connection, retry: true);

        Assert.Equal("SUCCEEDED", status);
        Assert.Equal(2, _received.Count);
        Assert.All(_received, r => Assert.Equal("Bearer xoxb-secret", r.Authorization));
        Assert.Equal("""{"text":"BatchKit: starting processed/day01/"}""", _received.Last().Body);
        Assert.Equal("ok", JsonNode.Parse(output!)!["ResponseBody"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_persistent_500_fails_with_the_status_code_error_name()
    {
        _failuresLeft = 100;
        var connection = await ConnectionAsync();

        var (status, _, error) = await RunAsync(connection, retry: false);

        Assert.Equal(("FAILED", "States.Http.StatusCode.500"), (status, error));
    }

    [Fact]
    public async Task TestState_at_TRACE_shows_the_request_and_response_and_the_connection_secret_only_when_revealed()
    {
        _failuresLeft = 0;
        var task = HttpInvokeTask(await ConnectionAsync(), new JsonObject { ["text"] = "hello" }).ToJsonString();

        var hidden = await TestStateAsync("--definition", task, "--inspection-level", "TRACE");
        var revealed = await TestStateAsync("--definition", task, "--inspection-level", "TRACE", "--reveal-secrets");
        var debug = await TestStateAsync("--definition", task, "--inspection-level", "DEBUG");

        var request = hidden["inspectionData"]!["request"]!;
        Assert.Equal(("POST", """{"text":"hello"}"""), (request["method"]!.GetValue<string>(), request["body"]!.GetValue<string>()));
        Assert.DoesNotContain("xoxb-secret", request["headers"]!.GetValue<string>(), StringComparison.Ordinal);
        var response = hidden["inspectionData"]!["response"]!;
        Assert.Equal(("200", "ok"), (response["statusCode"]!.GetValue<string>(), response["body"]!.GetValue<string>()));
        Assert.Contains("Bearer xoxb-secret", revealed["inspectionData"]!["request"]!["headers"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Null(debug["inspectionData"]!["request"]);
        Assert.Equal("SUCCEEDED", debug["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task DescribeConnection_never_returns_the_secret()
    {
        var name = "slack-" + Guid.NewGuid().ToString("N")[..8];
        await emulator.JsonAsync("AWSEvents.CreateConnection", "events", Connection(name));

        var (_, described) = await emulator.JsonAsync("AWSEvents.DescribeConnection", "events", new JsonObject { ["Name"] = name });

        Assert.Equal("Authorization", described["AuthParameters"]!["ApiKeyAuthParameters"]!["ApiKeyName"]!.GetValue<string>());
        Assert.Null(described["AuthParameters"]!["ApiKeyAuthParameters"]!["ApiKeyValue"]);
    }

    private async Task<JsonNode> TestStateAsync(params string[] args)
    {
        var noHostPrefix = new Dictionary<string, string> { ["AWS_DISABLE_HOST_PREFIX_INJECTION"] = "true" };
        var (exit, output, error) = await AwsCli.RunAsync(emulator.Host.ServiceUrl, noHostPrefix, ["stepfunctions", "test-state", .. args]);
        Assert.True(exit == 0, $"aws stepfunctions test-state exited {exit}: {error}");
        return JsonNode.Parse(output)!;
    }

    private async Task<string> ConnectionAsync()
    {
        var (_, created) = await emulator.JsonAsync("AWSEvents.CreateConnection", "events", Connection("slack-" + Guid.NewGuid().ToString("N")[..8]));
        return created["ConnectionArn"]!.GetValue<string>();
    }

    private static JsonObject Connection(string name) => new()
    {
        ["Name"] = name,
        ["AuthorizationType"] = "API_KEY",
        ["AuthParameters"] = new JsonObject { ["ApiKeyAuthParameters"] = new JsonObject { ["ApiKeyName"] = "Authorization", ["ApiKeyValue"] = "Bearer xoxb-secret" } },
    };

    /// <summary>A Task state that POSTs <paramref name="requestBody"/> to the stub's Slack webhook through the connection.</summary>
    private JsonObject HttpInvokeTask(string connectionArn, JsonObject requestBody) => new()
    {
        ["Type"] = "Task",
        ["Resource"] = "arn:aws:states:::http:invoke",
        ["Parameters"] = new JsonObject
        {
            ["ApiEndpoint"] = new Uri(_url, "/services/T000/B000/XXX").ToString(),
            ["Method"] = "POST",
            ["Authentication"] = new JsonObject { ["ConnectionArn"] = connectionArn },
            ["RequestBody"] = requestBody,
        },
        ["End"] = true,
    };

    private async Task<(string Status, string? Output, string? Error)> RunAsync(string connectionArn, bool retry)
    {
        var task = HttpInvokeTask(connectionArn, new JsonObject { ["text.$"] = "States.Format('BatchKit: starting {}', $.bucket_path)" });
        if (retry)
        {
            task["Retry"] = new JsonArray(new JsonObject { ["ErrorEquals"] = new JsonArray("States.Http.StatusCode.500"), ["IntervalSeconds"] = 1, ["MaxAttempts"] = 2 });
        }

        var (_, machine) = await emulator.JsonAsync("AWSStepFunctions.CreateStateMachine", "states", new JsonObject
        {
            ["name"] = "http-" + Guid.NewGuid().ToString("N")[..8],
            ["roleArn"] = "arn:aws:iam::000000000000:role/r",
            ["definition"] = new JsonObject { ["StartAt"] = "Slack", ["States"] = new JsonObject { ["Slack"] = task } }.ToJsonString(),
        });
        var (_, started) = await emulator.JsonAsync("AWSStepFunctions.StartExecution", "states", new JsonObject
        {
            ["stateMachineArn"] = machine["stateMachineArn"]!.GetValue<string>(),
            ["input"] = """{"bucket_path": "processed/day01/"}""",
        });
        var described = await emulator.WaitForExecutionAsync(started["executionArn"]!.GetValue<string>());

        return (described["status"]!.GetValue<string>(), described["output"]?.GetValue<string>(), described["error"]?.GetValue<string>());
    }
}
