using System.Text.Json.Nodes;

namespace BatchKit.Emulator.Services.Sqs;

/// <summary>
/// One message in a queue: its body and attributes as sent, when it becomes visible again, how often it was received,
/// and the receipt handle of its latest receive (only that one deletes it or changes its visibility).
/// </summary>
internal sealed class SqsMessage(string messageId, string body, JsonObject messageAttributes, DateTimeOffset sentAt, DateTimeOffset visibleAt)
{
    public string MessageId => messageId;

    public string Body => body;

    public JsonObject MessageAttributes => messageAttributes;

    public DateTimeOffset SentAt => sentAt;

    public DateTimeOffset VisibleAt { get; set; } = visibleAt;

    public int ReceiveCount { get; set; }

    public DateTimeOffset? FirstReceivedAt { get; set; }

    public string? ReceiptHandle { get; set; }

    public string? MessageGroupId { get; init; }

    public string? SequenceNumber { get; init; }
}
