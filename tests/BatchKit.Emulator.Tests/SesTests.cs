using System.Text.Json.Nodes;

namespace BatchKit.Emulator.Tests;

/// <summary>SES v1 and v2 through the real AWS CLI (`aws ses`, `aws sesv2`), read back from the local mailbox.</summary>
public sealed class SesTests(EmulatorFixture emulator) : IClassFixture<EmulatorFixture>
{
    [Fact]
    public async Task V1_sends_only_from_a_verified_identity_into_the_mailbox()
    {
        var sender = $"reports-{Guid.NewGuid():N}@example.com";
        var send = new[] { "ses", "send-email", "--from", sender, "--destination", "ToAddresses=ops@example.com", "--message",
            """{"Subject":{"Data":"Chunked batch done"},"Body":{"Text":{"Data":"https://example/link"}}}""" };
        var (exit, _, error) = await AwsCli.RunAsync(emulator.Host.ServiceUrl, send);
        Assert.NotEqual(0, exit);
        Assert.Contains("MessageRejected", error, StringComparison.Ordinal);
        Assert.Contains("Email address is not verified", error, StringComparison.Ordinal);

        await Ok("ses", "verify-email-identity", "--email-address", sender);
        Assert.Contains(sender, (await Ok("ses", "list-identities")).Output, StringComparison.Ordinal);
        var id = JsonNode.Parse((await Ok(send)).Output)!["MessageId"]!.GetValue<string>();

        var message = (await MailboxAsync()).Single(m => m["MessageId"]!.GetValue<string>() == id);
        Assert.Equal(("Chunked batch done", "https://example/link", "ops@example.com"),
            (message["Subject"]!.GetValue<string>(), message["Text"]!.GetValue<string>(), message["Destination"]!["ToAddresses"]![0]!.GetValue<string>()));
    }

    [Fact]
    public async Task V2_sends_simple_and_raw_content_from_a_verified_domain()
    {
        var domain = $"d{Guid.NewGuid():N}.example";
        await Ok("sesv2", "create-email-identity", "--email-identity", domain);
        var simple = JsonNode.Parse((await Ok("sesv2", "send-email", "--from-email-address", $"jobs@{domain}", "--destination", "ToAddresses=user@example.com",
            "--content", """{"Simple":{"Subject":{"Data":"Your zip is ready"},"Body":{"Html":{"Data":"<a href='https://x'>zip</a>"}}}}""")).Output)!;
        var raw = "From: jobs@" + domain + "\r\nTo: a@example.com, b@example.com\r\nSubject: Raw one\r\nContent-Type: text/plain\r\n\r\nhello\r\n";
        // The CLI base64-encodes a blob itself; the wire carries base64, as an SDK sends it.
        var rawSent = JsonNode.Parse((await Ok("sesv2", "send-email", "--content",
            new JsonObject { ["Raw"] = new JsonObject { ["Data"] = raw } }.ToJsonString())).Output)!;

        var mailbox = await MailboxAsync();
        var html = mailbox.Single(m => m["MessageId"]!.GetValue<string>() == simple["MessageId"]!.GetValue<string>());
        Assert.Equal("<a href='https://x'>zip</a>", html["Html"]!.GetValue<string>());
        var rawMessage = mailbox.Single(m => m["MessageId"]!.GetValue<string>() == rawSent["MessageId"]!.GetValue<string>());
        Assert.Equal(("Raw one", 2), (rawMessage["Subject"]!.GetValue<string>(), rawMessage["Destination"]!["ToAddresses"]!.AsArray().Count));
        Assert.Contains("hello", rawMessage["Raw"]!.GetValue<string>(), StringComparison.Ordinal);

        var (exit, _, error) = await AwsCli.RunAsync(emulator.Host.ServiceUrl, "sesv2", "get-email-identity", "--email-identity", "nobody.example");
        Assert.NotEqual(0, exit);
        Assert.Contains("NotFoundException", error, StringComparison.Ordinal);
    }

    private async Task<List<JsonNode>> MailboxAsync()
    {
        var answer = JsonNode.Parse(await emulator.Http.GetStringAsync(new Uri(emulator.Host.ServiceUrl, "/_batchkit/ses/messages")))!;
        return [.. answer["messages"]!.AsArray().Select(m => m!)];
    }

    private async Task<(int ExitCode, string Output, string Error)> Ok(params string[] args)
    {
        var result = await AwsCli.RunAsync(emulator.Host.ServiceUrl, args);
        Assert.True(result.ExitCode == 0, $"aws {string.Join(' ', args)}: {result.Error}");
        return result;
    }
}
