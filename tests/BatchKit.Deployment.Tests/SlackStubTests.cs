using System.Net;
using System.Text;
using BatchKit.Deployment;

namespace BatchKit.Deployment.Tests;

/// <summary>
/// The Slack stub over real HTTP, as the workflow's http:invoke and `batchkit slack` use it. Each test marks its
/// messages with a unique word: the collection shares one stub, and its journal holds every test's requests.
/// </summary>
[Collection(SlackStubCollection.Name)]
public sealed class SlackStubTests(SlackStubFixture stub)
{
    private readonly string _marker = "m" + Guid.NewGuid().ToString("N")[..12];

    [Fact]
    public async Task The_webhook_answers_like_Slack_with_ok_on_the_port_bound_at_start()
    {
        using var response = await PostAsync($$"""{"text": "hello {{_marker}}"}""");

        Assert.NotEqual(0, stub.Client.BaseUrl.Port);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("ok", await response.Content.ReadAsStringAsync());
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task A_body_that_is_not_JSON_or_has_no_text_is_invalid_payload_and_other_paths_are_not_found()
    {
        using var noText = await PostAsync($$"""{"blocks": [], "marker": "{{_marker}}"}""");
        using var notJson = await PostAsync($"not json {_marker}");
        using var nullText = await PostAsync("""{"text": null}""");
        using var elsewhere = await stub.Http.PostAsync(new Uri(stub.Client.BaseUrl, "/api/chat.postMessage"), new StringContent("""{"text": "x"}"""));

        Assert.Equal((HttpStatusCode.BadRequest, "invalid_payload"), (noText.StatusCode, await noText.Content.ReadAsStringAsync()));
        Assert.Equal((HttpStatusCode.BadRequest, "invalid_payload"), (notJson.StatusCode, await notJson.Content.ReadAsStringAsync()));
        Assert.Equal(HttpStatusCode.BadRequest, nullText.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, elsewhere.StatusCode);
    }

    [Fact]
    public async Task The_journal_returns_the_posted_texts_in_order_with_the_status_each_got()
    {
        foreach (var n in new[] { "first", "second", "third" })
        {
            (await PostAsync($$"""{"text": "{{n}} {{_marker}}"}""")).Dispose();
        }

        (await PostAsync($"broken {_marker}")).Dispose();

        var mine = (await stub.Client.MessagesAsync()).Where(m => m.Text.Contains(_marker, StringComparison.Ordinal)).ToList();
        Assert.Equal([$"first {_marker}", $"second {_marker}", $"third {_marker}", $"broken {_marker}"], mine.Select(m => m.Text));
        Assert.Equal([200, 200, 200, 400], mine.Select(m => m.Status));
        Assert.All(mine, m => Assert.InRange(m.Received, DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow.AddSeconds(1)));
    }

    [Fact]
    public async Task FailNextAsync_fails_exactly_the_next_N_matching_messages_then_recovers()
    {
        await stub.Client.FailNextAsync($"sales for {_marker}:", times: 2, status: 500);

        using var other = await PostAsync($$"""{"text": "unrelated {{_marker}}"}""");
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            using var response = await PostAsync($$"""{"text": "sales for {{_marker}}: try {{i}}"}""");
            statuses.Add(response.StatusCode);
        }

        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
        Assert.Equal([HttpStatusCode.InternalServerError, HttpStatusCode.InternalServerError, HttpStatusCode.OK, HttpStatusCode.OK], statuses);
        var journal = (await stub.Client.MessagesAsync()).Where(m => m.Text.StartsWith($"sales for {_marker}:", StringComparison.Ordinal));
        Assert.Equal([500, 500, 200, 200], journal.Select(m => m.Status));
    }

    private Task<HttpResponseMessage> PostAsync(string body) =>
        stub.Http.PostAsync(stub.Client.WebhookUrl, new StringContent(body, Encoding.UTF8, "application/json"));
}
