using System.Diagnostics;
using System.Text.Json.Nodes;
using System.Xml.Linq;
using Amazon.SQS.Model;

namespace BatchKit.Emulator.Tests;

/// <summary>SQS through the real .NET SDK and CLI (JSON protocol) and raw query-protocol requests (older clients).</summary>
public sealed class SqsTests(EmulatorFixture emulator) : IClassFixture<EmulatorFixture>
{
    private static string Name() => "q-" + Guid.NewGuid().ToString("N")[..10];

    [Fact]
    public async Task The_SDK_sends_receives_with_checked_digests_and_deletes()
    {
        using var sqs = SdkClients.Sqs(emulator.Host.ServiceUrl);
        var url = (await sqs.CreateQueueAsync(Name())).QueueUrl;
        var sent = await sqs.SendMessageAsync(new SendMessageRequest
        {
            QueueUrl = url,
            MessageBody = """{"file":"incoming/a.csv"}""",
            MessageAttributes = new() { ["kind"] = new MessageAttributeValue { DataType = "String", StringValue = "validation" }, ["rows"] = new MessageAttributeValue { DataType = "Number", StringValue = "42" } },
        });

        // The SDK verifies MD5OfMessageBody and MD5OfMessageAttributes on both calls: a wrong digest throws.
        var received = await sqs.ReceiveMessageAsync(new ReceiveMessageRequest { QueueUrl = url, MessageAttributeNames = ["All"], MessageSystemAttributeNames = ["All"] });
        var message = Assert.Single(received.Messages);
        Assert.Equal(sent.MessageId, message.MessageId);
        Assert.Equal("validation", message.MessageAttributes["kind"].StringValue);
        Assert.Equal("1", message.Attributes["ApproximateReceiveCount"]);

        var attributes = await sqs.GetQueueAttributesAsync(url, ["All"]);
        Assert.Equal(1, attributes.ApproximateNumberOfMessagesNotVisible);
        await sqs.DeleteMessageAsync(url, message.ReceiptHandle);
        attributes = await sqs.GetQueueAttributesAsync(url, ["ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible"]);
        Assert.Equal((0, 0), (attributes.ApproximateNumberOfMessages, attributes.ApproximateNumberOfMessagesNotVisible));
    }

    [Fact]
    public async Task A_long_poll_waits_and_returns_as_soon_as_a_message_is_sent()
    {
        using var sqs = SdkClients.Sqs(emulator.Host.ServiceUrl);
        var url = (await sqs.CreateQueueAsync(Name())).QueueUrl;

        var empty = Stopwatch.StartNew();
        var none = await sqs.ReceiveMessageAsync(new ReceiveMessageRequest { QueueUrl = url, WaitTimeSeconds = 1 });
        Assert.True(none.Messages is null or { Count: 0 });
        Assert.True(empty.Elapsed >= TimeSpan.FromSeconds(0.9), $"an empty long poll answered after {empty.Elapsed}, before its 1 s wait");

        var clock = Stopwatch.StartNew();
        var poll = sqs.ReceiveMessageAsync(new ReceiveMessageRequest { QueueUrl = url, WaitTimeSeconds = 20 });
        await sqs.SendMessageAsync(url, "wake up");
        var woken = await poll.WaitAsync(TimeSpan.FromSeconds(15));
        Assert.Equal("wake up", Assert.Single(woken.Messages).Body);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(15), $"the long poll took {clock.Elapsed}");
    }

    [Fact]
    public async Task A_message_not_deleted_comes_back_after_its_visibility_timeout()
    {
        using var sqs = SdkClients.Sqs(emulator.Host.ServiceUrl);
        var url = (await sqs.CreateQueueAsync(Name())).QueueUrl;
        await sqs.SendMessageAsync(url, "retry me");

        var first = Assert.Single((await sqs.ReceiveMessageAsync(new ReceiveMessageRequest { QueueUrl = url, VisibilityTimeout = 1 })).Messages);
        var hidden = await sqs.ReceiveMessageAsync(new ReceiveMessageRequest { QueueUrl = url });
        Assert.True(hidden.Messages is null or { Count: 0 });

        var again = await sqs.ReceiveMessageAsync(new ReceiveMessageRequest { QueueUrl = url, WaitTimeSeconds = 5, MessageSystemAttributeNames = ["ApproximateReceiveCount"] });
        var second = Assert.Single(again.Messages);
        Assert.Equal(first.MessageId, second.MessageId);
        Assert.Equal("2", second.Attributes["ApproximateReceiveCount"]);
        Assert.NotEqual(first.ReceiptHandle, second.ReceiptHandle);
    }

    [Fact]
    public async Task The_CLI_creates_sends_receives_and_a_missing_queue_has_the_query_compatible_code()
    {
        var name = Name();
        var url = JsonNode.Parse((await Ok("sqs", "create-queue", "--queue-name", name, "--attributes", "VisibilityTimeout=45")).Output)!["QueueUrl"]!.GetValue<string>();
        Assert.EndsWith("/000000000000/" + name, url, StringComparison.Ordinal);
        Assert.Equal(url, JsonNode.Parse((await Ok("sqs", "get-queue-url", "--queue-name", name)).Output)!["QueueUrl"]!.GetValue<string>());

        await Ok("sqs", "send-message", "--queue-url", url, "--message-body", "from the cli");
        var received = JsonNode.Parse((await Ok("sqs", "receive-message", "--queue-url", url, "--wait-time-seconds", "2")).Output)!;
        Assert.Equal("from the cli", received["Messages"]![0]!["Body"]!.GetValue<string>());
        var attributes = JsonNode.Parse((await Ok("sqs", "get-queue-attributes", "--queue-url", url, "--attribute-names", "VisibilityTimeout", "QueueArn")).Output)!;
        Assert.Equal("45", attributes["Attributes"]!["VisibilityTimeout"]!.GetValue<string>());
        Assert.Equal($"arn:aws:sqs:us-east-1:000000000000:{name}", attributes["Attributes"]!["QueueArn"]!.GetValue<string>());

        var (exit, _, error) = await AwsCli.RunAsync(emulator.Host.ServiceUrl, "sqs", "get-queue-url", "--queue-name", "no-such-queue");
        Assert.NotEqual(0, exit);
        Assert.Contains("AWS.SimpleQueueService.NonExistentQueue", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_query_protocol_sends_and_receives_in_XML()
    {
        using var sqs = SdkClients.Sqs(emulator.Host.ServiceUrl);
        var url = (await sqs.CreateQueueAsync(Name())).QueueUrl;
        var (status, sent) = await QueryAsync(new Uri(url).AbsolutePath, new()
        {
            ["Action"] = "SendMessage", ["MessageBody"] = "over query",
            ["MessageAttribute.1.Name"] = "kind", ["MessageAttribute.1.Value.DataType"] = "String", ["MessageAttribute.1.Value.StringValue"] = "legacy",
        });
        Assert.Equal(200, status);
        XNamespace ns = "http://queue.amazonaws.com/doc/2012-11-05/";
        using var md5 = System.Security.Cryptography.IncrementalHash.CreateHash(System.Security.Cryptography.HashAlgorithmName.MD5);
        md5.AppendData("over query"u8);
        Assert.Equal(Convert.ToHexStringLower(md5.GetHashAndReset()), sent.Descendants(ns + "MD5OfMessageBody").Single().Value);

        var (_, received) = await QueryAsync("/", new() { ["Action"] = "ReceiveMessage", ["QueueUrl"] = url, ["MessageAttributeName.1"] = "All", ["AttributeName.1"] = "All" });
        var message = received.Descendants(ns + "Message").Single();
        Assert.Equal("over query", message.Element(ns + "Body")!.Value);
        var attribute = message.Elements(ns + "MessageAttribute").Single();
        Assert.Equal(("kind", "legacy"), (attribute.Element(ns + "Name")!.Value, attribute.Element(ns + "Value")!.Element(ns + "StringValue")!.Value));
        Assert.Contains(message.Elements(ns + "Attribute"), a => a.Element(ns + "Name")!.Value == "SentTimestamp");

        var (missing, error) = await QueryAsync("/", new() { ["Action"] = "GetQueueUrl", ["QueueName"] = "nope-" + Name() });
        Assert.Equal(400, missing);
        Assert.Equal("AWS.SimpleQueueService.NonExistentQueue", error.Descendants(ns + "Code").Single().Value);
    }

    private async Task<(int Status, XDocument Body)> QueryAsync(string path, Dictionary<string, string> form)
    {
        form["Version"] = "2012-11-05";
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(emulator.Host.ServiceUrl, path)) { Content = new FormUrlEncodedContent(form) };
        await SignedRequests.SignAsync(request, "sqs");
        using var response = await emulator.Http.SendAsync(request);
        return ((int)response.StatusCode, XDocument.Parse(await response.Content.ReadAsStringAsync()));
    }

    private async Task<(int ExitCode, string Output, string Error)> Ok(params string[] args)
    {
        var result = await AwsCli.RunAsync(emulator.Host.ServiceUrl, args);
        Assert.True(result.ExitCode == 0, $"aws {string.Join(' ', args)}: {result.Error}");
        return result;
    }
}
