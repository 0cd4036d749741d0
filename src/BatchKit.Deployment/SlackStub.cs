using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace BatchKit.Deployment;

/// <summary>
/// The client of the Slack webhook stub (<see cref="SlackStubServer"/>, in a test's process or started by
/// <c>batchkit up</c>): where it is, what it received, and failures injected on purpose, all through WireMock.Net's
/// admin API. https://github.com/wiremock/WireMock.Net/wiki/Admin-API-Reference
/// </summary>
public sealed class SlackStub
{
    public const string WebhookPath = "/services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX";
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(10) };

    private SlackStub(Uri baseUrl) => BaseUrl = baseUrl;

    public Uri BaseUrl { get; }

    public Uri WebhookUrl => new(BaseUrl, WebhookPath);

    /// <summary>A stub running at <paramref name="baseUrl"/> (started by <c>batchkit up</c>, or in this process).</summary>
    public static SlackStub Attach(Uri baseUrl) => new(baseUrl);

    /// <summary>Polls the admin API's health until it answers; <paramref name="gone"/> may say why waiting is pointless.</summary>
    public Task WaitUntilReadyAsync(TimeSpan timeout, Func<string?>? gone = null, CancellationToken cancellationToken = default) =>
        HttpReadiness.WaitAsync(new Uri(BaseUrl, "/__admin/health"), timeout, gone, cancellationToken);

    /// <summary>Every message posted to the webhook, oldest first, with the status the stub answered.</summary>
    public async Task<IReadOnlyList<SlackMessage>> MessagesAsync(CancellationToken cancellationToken = default)
    {
        var journal = await Http.GetFromJsonAsync<JsonNode>(new Uri(BaseUrl, "/__admin/requests"), cancellationToken).ConfigureAwait(false);
        return SlackJournal.Messages(journal);
    }

    /// <summary>
    /// Answers exactly the next <paramref name="times"/> messages whose body contains <paramref name="bodyContains"/>
    /// with <paramref name="status"/>, then as usual, to prove the workflow's retries. One WireMock.Net scenario: the
    /// mapping matches in its start state and moves the scenario on after <paramref name="times"/> matches.
    /// </summary>
    public async Task FailNextAsync(string bodyContains, int times, int status, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(times, 1);
        var mapping = new JsonObject
        {
            ["Title"] = $"BatchKit: fail the next {times} messages containing '{bodyContains}' with {status}",
            ["Priority"] = 1, // before the Slack mappings (5 and 10)
            ["Scenario"] = "fail-" + Guid.NewGuid().ToString("N"),
            ["SetStateTo"] = "recovered",
            ["TimesInSameState"] = times,
            ["Request"] = new JsonObject
            {
                ["Methods"] = new JsonArray("POST"),
                ["Path"] = new JsonObject { ["Matchers"] = new JsonArray(new JsonObject { ["Name"] = "RegexMatcher", ["Pattern"] = "^/services/.+$" }) },
                ["Body"] = new JsonObject { ["Matcher"] = new JsonObject { ["Name"] = "RegexMatcher", ["Pattern"] = Regex.Escape(bodyContains) } },
            },
            ["Response"] = new JsonObject { ["StatusCode"] = status, ["Body"] = "injected failure" },
        };
        using var response = await Http.PostAsJsonAsync(new Uri(BaseUrl, "/__admin/mappings"), mapping, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            throw new SlackStubException(
                $"the Slack stub at {BaseUrl} refused the failure mapping (HTTP {(int)response.StatusCode}: {body}); FailNextAsync needs BatchKit's "
                + "WireMock.Net stub");
        }
    }
}
