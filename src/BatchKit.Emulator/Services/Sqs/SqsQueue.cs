using System.Globalization;
using System.Text.Json.Nodes;

namespace BatchKit.Emulator.Services.Sqs;

/// <summary>
/// One queue: its attributes and messages. A received message is hidden for the visibility timeout and comes back
/// unless deleted first; a long poll (WaitTimeSeconds) waits for a send or for a hidden message to come back, on the
/// emulator's clock. https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-visibility-timeout.html
/// </summary>
internal sealed class SqsQueue(string name, string url, string arn, Dictionary<string, string> attributes, DateTimeOffset createdAt, TimeProvider time)
{
    private readonly List<SqsMessage> _messages = [];
    private readonly Dictionary<string, (DateTimeOffset At, SqsMessage Message)> _deduplication = new(StringComparer.Ordinal);
    private TaskCompletionSource _sent = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _sequence;

    public string Name => name;

    public string Url => url;

    public string Arn => arn;

    public bool IsFifo => name.EndsWith(".fifo", StringComparison.Ordinal);

    public Dictionary<string, string> Attributes => attributes;

    public DateTimeOffset CreatedAt { get; } = createdAt;

    public DateTimeOffset LastModified { get; set; }

    public int Seconds(string attribute) => int.Parse(attributes[attribute], CultureInfo.InvariantCulture);

    /// <summary>
    /// Adds a message. A FIFO queue that saw the deduplication id in the last 5 minutes accepts the send but keeps only
    /// the first message, as SQS does. https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/using-messagededuplicationid-property.html
    /// </summary>
    public SqsMessage Send(string body, JsonObject messageAttributes, int delaySeconds, string? groupId, string? deduplicationId)
    {
        var now = time.GetUtcNow();
        lock (_messages)
        {
            foreach (var expired in _deduplication.Where(d => now - d.Value.At > TimeSpan.FromMinutes(5)).Select(d => d.Key).ToList())
            {
                _deduplication.Remove(expired);
            }

            if (deduplicationId is not null && _deduplication.TryGetValue(deduplicationId, out var first))
            {
                return first.Message;
            }

            var message = new SqsMessage(Guid.NewGuid().ToString(), body, messageAttributes, now, now.AddSeconds(delaySeconds))
            {
                MessageGroupId = groupId,
                SequenceNumber = IsFifo ? (++_sequence).ToString("D20", CultureInfo.InvariantCulture) : null,
            };
            _messages.Add(message);
            if (deduplicationId is not null)
            {
                _deduplication[deduplicationId] = (now, message);
            }

            Interlocked.Exchange(ref _sent, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
            return message;
        }
    }

    /// <summary>Up to <paramref name="max"/> visible messages, waiting up to <paramref name="wait"/> for the first.</summary>
    public async Task<List<SqsMessage>> ReceiveAsync(int max, TimeSpan wait, int visibilitySeconds, CancellationToken cancellationToken)
    {
        var deadline = time.GetUtcNow() + wait;
        while (true)
        {
            Task sent;
            TimeSpan? nextVisible;
            lock (_messages)
            {
                var taken = Take(max, visibilitySeconds);
                var now = time.GetUtcNow();
                if (taken.Count > 0 || now >= deadline)
                {
                    return taken;
                }

                sent = _sent.Task;
                nextVisible = _messages.Count == 0 ? null : _messages.Min(m => m.VisibleAt) - now;
            }

            var remaining = deadline - time.GetUtcNow();
            var until = nextVisible is { } next && next < remaining ? next : remaining;
            using var wake = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var delay = Task.Delay(until > TimeSpan.Zero ? until : TimeSpan.Zero, time, wake.Token);
            await Task.WhenAny(sent, delay).ConfigureAwait(false);
            await wake.CancelAsync().ConfigureAwait(false);
            cancellationToken.ThrowIfCancellationRequested();
        }
    }

    /// <summary>The caller holds the lock. FIFO: only the first visible message of each group, in order.</summary>
    private List<SqsMessage> Take(int max, int visibilitySeconds)
    {
        var now = time.GetUtcNow();
        var retention = TimeSpan.FromSeconds(Seconds("MessageRetentionPeriod"));
        _messages.RemoveAll(m => now - m.SentAt > retention);
        var busyGroups = IsFifo ? _messages.Where(m => m.VisibleAt > now && m.ReceiveCount > 0).Select(m => m.MessageGroupId).ToHashSet() : [];
        var taken = new List<SqsMessage>();
        foreach (var message in _messages.Where(m => m.VisibleAt <= now))
        {
            if (taken.Count == max || (IsFifo && busyGroups.Contains(message.MessageGroupId)))
            {
                continue;
            }

            message.ReceiveCount++;
            message.FirstReceivedAt ??= now;
            message.VisibleAt = now.AddSeconds(visibilitySeconds);
            message.ReceiptHandle = Convert.ToBase64String(Guid.NewGuid().ToByteArray()) + "." + message.MessageId;
            taken.Add(message);
        }

        return taken;
    }

    public bool Delete(string receiptHandle)
    {
        lock (_messages)
        {
            return _messages.RemoveAll(m => m.ReceiptHandle == receiptHandle) > 0 || IsWellFormed(receiptHandle);
        }
    }

    /// <summary>False when no received message has this handle.</summary>
    public bool ChangeVisibility(string receiptHandle, int seconds)
    {
        lock (_messages)
        {
            var message = _messages.FirstOrDefault(m => m.ReceiptHandle == receiptHandle);
            if (message is null)
            {
                return false;
            }

            message.VisibleAt = time.GetUtcNow().AddSeconds(seconds);
            Interlocked.Exchange(ref _sent, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
            return true;
        }
    }

    public void Purge()
    {
        lock (_messages)
        {
            _messages.Clear();
        }
    }

    /// <summary>ApproximateNumberOfMessages, ...NotVisible and ...Delayed, as GetQueueAttributes reports them.</summary>
    public (int Visible, int InFlight, int Delayed) Counts()
    {
        var now = time.GetUtcNow();
        lock (_messages)
        {
            return (
                _messages.Count(m => m.VisibleAt <= now),
                _messages.Count(m => m.VisibleAt > now && m.ReceiveCount > 0),
                _messages.Count(m => m.VisibleAt > now && m.ReceiveCount == 0));
        }
    }

    /// <summary>A handle of the form this queue gives out (an already deleted message's handle deletes nothing, without error).</summary>
    private static bool IsWellFormed(string handle) => handle.Split('.') is [var random, var id] && random.Length == 24 && Guid.TryParse(id, out _);
}
