using System.Text.Json.Nodes;
using BatchKit.Deployment;

namespace BatchKit.Deployment.Tests;

/// <summary>
/// The journal of the Java WireMock (the LocalStack engine's container) reads into the same messages as WireMock.Net's
/// (SlackStubTests). Data/java-wiremock-3.13.2-journal.json was recorded from the real jar (3.13.2, the image's
/// version) with localstack/wiremock/ loaded: one Slack message, then a body that is not JSON; it is not hand-edited.
/// </summary>
public sealed class SlackJournalTests
{
    [Fact]
    public void The_Java_WireMock_journal_gives_the_messages_oldest_first_with_their_status()
    {
        var journal = JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Data", "java-wiremock-3.13.2-journal.json")));

        var messages = SlackJournal.Messages(journal);

        Assert.Equal([("starting processed/2026-11-22/", 200), ("not json", 400)], messages.Select(m => (m.Text, m.Status)));
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1796042991117), messages[1].Received);
    }

    [Fact]
    public void A_journal_of_neither_shape_is_named()
    {
        var e = Assert.Throws<SlackStubException>(() => SlackJournal.Messages(JsonNode.Parse("""{"entries": []}""")));
        Assert.Equal("""the Slack stub's journal is neither WireMock.Net's nor WireMock's: {"entries":[]}""", e.Message);
    }
}
