using System.Text.Json.Nodes;
using Amazon.SQS;
using Amazon.SQS.Model;
using Microsoft.Extensions.Time.Testing;

namespace BatchKit.Emulator.Tests;

/// <summary>EventBridge through the real AWS CLI (no .NET EventBridge package is served here), observed through the official SQS client.</summary>
public sealed class EventBridgeTests(EmulatorFixture emulator) : IClassFixture<EmulatorFixture>
{
    private static string Name(string kind) => kind + "-" + Guid.NewGuid().ToString("N")[..10];

    [Fact]
    public async Task A_completion_event_on_a_custom_bus_reaches_the_queue_of_the_matching_rule_transformed()
    {
        using var sqs = SdkClients.Sqs(emulator.Host.ServiceUrl);
        var (url, arn) = await QueueAsync(sqs);
        var bus = Name("bus");
        await Ok(emulator.Host.ServiceUrl, "events", "create-event-bus", "--name", bus);
        await Ok(emulator.Host.ServiceUrl, "events", "put-rule", "--name", "completed", "--event-bus-name", bus,
            "--event-pattern", """{"source":["batchkit.validation"],"detail":{"failed":[{"numeric":["=",0]}]}}""");
        await Ok(emulator.Host.ServiceUrl, "events", "put-targets", "--rule", "completed", "--event-bus-name", bus, "--targets", new JsonArray(new JsonObject
        {
            ["Id"] = "queue", ["Arn"] = arn,
            ["InputTransformer"] = new JsonObject
            {
                ["InputPathsMap"] = new JsonObject { ["files"] = "$.detail.files", ["prefix"] = "$.detail.prefix" },
                ["InputTemplate"] = """{"checked": <files>, "message": "validated <prefix>"}""",
            },
        }).ToJsonString());

        var put = JsonNode.Parse((await Ok(emulator.Host.ServiceUrl, "events", "put-events", "--entries", new JsonArray(
            Entry(bus, """{"files":3,"failed":1,"prefix":"p/"}"""),   // does not match: failed is 1
            Entry(bus, """{"files":12,"failed":0,"prefix":"sales/"}"""),
            new JsonObject { ["EventBusName"] = bus, ["Source"] = "batchkit.validation", ["DetailType"] = "x",
                ["Detail"] = "not json" }).ToJsonString())).Output)!;
        Assert.Equal(1, put["FailedEntryCount"]!.GetValue<int>());
        Assert.Equal("MalformedDetail", put["Entries"]![2]!["ErrorCode"]!.GetValue<string>());

        var received = await Eventually.ValueAsync(
            () => sqs.ReceiveMessageAsync(new ReceiveMessageRequest { QueueUrl = url, WaitTimeSeconds = 1, MaxNumberOfMessages = 10 }),
            r => r.Messages is { Count: > 0 }, "the matching event in the rule's queue", TimeSpan.FromSeconds(20));
        var body = JsonNode.Parse(Assert.Single(received.Messages).Body)!;
        Assert.Equal(12, body["checked"]!.GetValue<int>());
        Assert.Equal("validated sales/", body["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_putEvents_task_sends_a_Detail_given_as_an_object_serialized_to_the_rules_queue()
    {
        // Step Functions' events:putEvents takes Detail as an object (or as a string) and serializes it for the API.
        // https://docs.aws.amazon.com/step-functions/latest/dg/connect-eventbridge.html
        using var sqs = SdkClients.Sqs(emulator.Host.ServiceUrl);
        var (url, arn) = await QueueAsync(sqs);
        var bus = Name("bus");
        await Ok(emulator.Host.ServiceUrl, "events", "create-event-bus", "--name", bus);
        await Ok(emulator.Host.ServiceUrl, "events", "put-rule", "--name", "done", "--event-bus-name", bus, "--event-pattern",
            """{"source":["batchkit.validation"]}""");
        await Ok(emulator.Host.ServiceUrl, "events", "put-targets", "--rule", "done", "--event-bus-name", bus, "--targets", $"Id=q,Arn={arn}");
        var definition = new JsonObject
        {
            ["StartAt"] = "Completed",
            ["States"] = new JsonObject
            {
                ["Completed"] = new JsonObject
                {
                    ["Type"] = "Task", ["Resource"] = "arn:aws:states:::events:putEvents", ["End"] = true,
                    ["Parameters"] = new JsonObject
                    {
                        ["Entries"] = new JsonArray(new JsonObject
                        {
                            ["EventBusName"] = bus, ["Source"] = "batchkit.validation", ["DetailType"] = "Validation Completed",
                            ["Detail"] = new JsonObject { ["files.$"] = "$.files", ["prefix"] = "daily" },
                        }),
                    },
                },
            },
        };
        var created = await emulator.JsonAsync("AWSStepFunctions.CreateStateMachine", "states", new JsonObject
        {
            ["name"] = Name("put-events"), ["definition"] = definition.ToJsonString(), ["roleArn"] = "arn:aws:iam::000000000000:role/r",
        });
        var started = await emulator.JsonAsync("AWSStepFunctions.StartExecution", "states", new JsonObject
        {
            ["stateMachineArn"] = created.Body["stateMachineArn"]!.DeepClone(), ["input"] = """{"files":[{"key":"a.csv","invalid_rows":2}]}""",
        });

        var execution = await emulator.WaitForExecutionAsync(started.Body["executionArn"]!.GetValue<string>());
        Assert.True(execution["status"]!.GetValue<string>() == "SUCCEEDED", execution.ToJsonString());
        Assert.Equal(0, JsonNode.Parse(execution["output"]!.GetValue<string>())!["FailedEntryCount"]!.GetValue<int>());
        var received = await Eventually.ValueAsync(
            () => sqs.ReceiveMessageAsync(new ReceiveMessageRequest { QueueUrl = url, WaitTimeSeconds = 1 }),
            r => r.Messages is { Count: > 0 }, "the completion event in the rule's queue", TimeSpan.FromSeconds(20));
        var detail = JsonNode.Parse(Assert.Single(received.Messages).Body)!["detail"]!;
        Assert.Equal("""{"files":[{"key":"a.csv","invalid_rows":2}],"prefix":"daily"}""", detail.ToJsonString());
    }

    [Fact]
    public async Task Rules_targets_buses_and_connections_are_listed_and_described()
    {
        var bus = Name("bus");
        var endpoint = emulator.Host.ServiceUrl;
        await Ok(endpoint, "events", "create-event-bus", "--name", bus);
        await Ok(endpoint, "events", "put-rule", "--name", "r1", "--event-bus-name", bus, "--event-pattern", """{"source":["a"]}""", "--state", "DISABLED");
        await Ok(endpoint, "events", "put-targets", "--rule", "r1", "--event-bus-name", bus, "--targets",
            "Id=t1,Arn=arn:aws:sqs:us-east-1:000000000000:nowhere");
        await Ok(endpoint, "events", "create-connection", "--name", Name("conn"), "--authorization-type", "API_KEY",
            "--auth-parameters", """{"ApiKeyAuthParameters":{"ApiKeyName":"x-api-key","ApiKeyValue":"secret"}}""");

        var rules = JsonNode.Parse((await Ok(endpoint, "events", "list-rules", "--event-bus-name", bus)).Output)!["Rules"]!.AsArray();
        Assert.Equal(("r1", "DISABLED"), (rules.Single()!["Name"]!.GetValue<string>(), rules.Single()!["State"]!.GetValue<string>()));
        var described = JsonNode.Parse((await Ok(endpoint, "events", "describe-rule", "--name", "r1", "--event-bus-name", bus)).Output)!;
        Assert.Equal($"arn:aws:events:us-east-1:000000000000:rule/{bus}/r1", described["Arn"]!.GetValue<string>());
        var targets = JsonNode.Parse((await Ok(endpoint, "events", "list-targets-by-rule", "--rule", "r1", "--event-bus-name", bus)).Output)!;
        Assert.Equal("t1", targets["Targets"]![0]!["Id"]!.GetValue<string>());
        var connections = (await Ok(endpoint, "events", "list-connections")).Output;
        Assert.Contains("\"AuthorizationType\": \"API_KEY\"", connections, StringComparison.Ordinal);
        Assert.DoesNotContain("secret", connections, StringComparison.Ordinal);

        var (exit, _, error) = await AwsCli.RunAsync(endpoint, "events", "delete-rule", "--name", "r1", "--event-bus-name", bus);
        Assert.NotEqual(0, exit);
        Assert.Contains("has targets", error, StringComparison.Ordinal);
        var (badExit, _, badError) = await AwsCli.RunAsync(endpoint, "events", "put-rule", "--name", "bad", "--event-pattern", """{"source":"a"}""");
        Assert.NotEqual(0, badExit);
        Assert.Contains("InvalidEventPatternException", badError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_rate_schedule_fires_on_the_emulators_clock()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.Parse("2026-11-30T10:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        var data = Directory.CreateTempSubdirectory("batchkit-events-").FullName;
        try
        {
            await using var host = await EmulatorHost.StartAsync(new EmulatorOptions { Port = 0, DataDirectory = data }, clock);
            using var sqs = SdkClients.Sqs(host.ServiceUrl);
            var (url, arn) = await QueueAsync(sqs);
            await Ok(host.ServiceUrl, "events", "put-rule", "--name", "nightly", "--schedule-expression", "rate(5 minutes)");
            await Ok(host.ServiceUrl, "events", "put-targets", "--rule", "nightly", "--targets", $"Id=q,Arn={arn}");

            clock.Advance(TimeSpan.FromMinutes(4));
            Assert.True((await sqs.ReceiveMessageAsync(url)).Messages is null or { Count: 0 }, "the schedule fired before its 5 minutes");
            clock.Advance(TimeSpan.FromMinutes(1));
            var fired = await Eventually.ValueAsync(() => sqs.ReceiveMessageAsync(url), r => r.Messages is { Count: > 0 }, "the scheduled event",
                TimeSpan.FromSeconds(20));
            var @event = JsonNode.Parse(Assert.Single(fired.Messages).Body)!;
            Assert.Equal(("Scheduled Event", "aws.events", "2026-11-30T10:05:00Z"), (@event["detail-type"]!.GetValue<string>(),
                @event["source"]!.GetValue<string>(), @event["time"]!.GetValue<string>()));
            Assert.Equal("arn:aws:events:us-east-1:000000000000:rule/nightly", @event["resources"]![0]!.GetValue<string>());
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }

    private static JsonObject Entry(string bus, string detail) =>
        new() { ["EventBusName"] = bus, ["Source"] = "batchkit.validation", ["DetailType"] = "Validation Completed", ["Detail"] = detail };

    private static async Task<(string Url, string Arn)> QueueAsync(AmazonSQSClient sqs)
    {
        var url = (await sqs.CreateQueueAsync(Name("q"))).QueueUrl;
        return (url, (await sqs.GetQueueAttributesAsync(url, ["QueueArn"])).QueueARN);
    }

    private static async Task<(int ExitCode, string Output, string Error)> Ok(Uri endpoint, params string[] args)
    {
        var result = await AwsCli.RunAsync(endpoint, args);
        Assert.True(result.ExitCode == 0, $"aws {string.Join(' ', args)}: {result.Error}");
        return result;
    }
}
