using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace BatchKit.Emulator.Services.Sqs;

/// <summary>Sending, receiving, deleting and hiding messages.</summary>
internal sealed partial class SqsProvider
{
    /// <summary>https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_SendMessage.html</summary>
    public JsonObject SendMessage(JsonObject request)
    {
        var queue = Queue(request);
        var message = Send(queue, request);
        var response = new JsonObject { ["MD5OfMessageBody"] = SqsChecksums.OfBody(message.Body), ["MessageId"] = message.MessageId };
        if (SqsChecksums.OfAttributes(message.MessageAttributes) is { } md5)
        {
            response["MD5OfMessageAttributes"] = md5;
        }

        if (message.SequenceNumber is { } sequence)
        {
            response["SequenceNumber"] = sequence;
        }

        return response;
    }

    public JsonObject SendMessageBatch(JsonObject request)
    {
        var queue = Queue(request);
        var entries = Entries(request);
        var successful = new JsonArray();
        var failed = new JsonArray();
        foreach (var entry in entries)
        {
            try
            {
                var fields = entry.Where(p => p.Key != "Id").Select(p => KeyValuePair.Create(p.Key, p.Value?.DeepClone()));
                var sent = SendMessage(new JsonObject(fields) { ["QueueUrl"] = queue.Url });
                sent["Id"] = entry["Id"]!.DeepClone();
                successful.Add((JsonNode)sent);
            }
            catch (Protocol.ServiceErrorException e)
            {
                failed.Add((JsonNode)new JsonObject
                {
                    ["Id"] = entry["Id"]!.DeepClone(), ["SenderFault"] = true, ["Code"] = e.QueryCode ?? e.Code, ["Message"] = e.Message,
                });
            }
        }

        return new JsonObject { ["Successful"] = successful, ["Failed"] = failed };
    }

    /// <summary>
    /// Up to MaxNumberOfMessages (1-10) visible messages; with WaitTimeSeconds (or the queue's
    /// ReceiveMessageWaitTimeSeconds) it waits up to that long for one.
    /// https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_ReceiveMessage.html
    /// </summary>
    public async Task<JsonObject> ReceiveMessageAsync(JsonObject request, CancellationToken cancellationToken)
    {
        var queue = Queue(request);
        var max = Int(request["MaxNumberOfMessages"]) ?? 1;
        var wait = Int(request["WaitTimeSeconds"]) ?? queue.Seconds("ReceiveMessageWaitTimeSeconds");
        var visibility = Int(request["VisibilityTimeout"]) ?? queue.Seconds("VisibilityTimeout");
        if (max is < 1 or > 10)
        {
            throw SqsErrors.InvalidParameterValue($"Value {max} for parameter MaxNumberOfMessages is invalid. Reason: Must be between 1 and 10, if provided.");
        }

        if (wait is < 0 or > 20)
        {
            throw SqsErrors.InvalidParameterValue($"Value {wait} for parameter WaitTimeSeconds is invalid. Reason: Must be >= 0 and <= 20, if provided.");
        }

        var received = await queue.ReceiveAsync(max, TimeSpan.FromSeconds(wait), visibility, cancellationToken).ConfigureAwait(false);
        var systemNames = Strings(request["AttributeNames"]).Concat(Strings(request["MessageSystemAttributeNames"])).ToHashSet(StringComparer.Ordinal);
        var attributeNames = Strings(request["MessageAttributeNames"]).ToHashSet(StringComparer.Ordinal);
        var messages = received.Select(m => (JsonNode)Describe(m, systemNames, attributeNames)).ToArray();
        return messages.Length == 0 ? [] : new JsonObject { ["Messages"] = new JsonArray(messages) };
    }

    public JsonObject DeleteMessage(JsonObject request)
    {
        var queue = Queue(request);
        var handle = request["ReceiptHandle"]?.GetValue<string>() ?? throw SqsErrors.MissingParameter("ReceiptHandle");
        return queue.Delete(handle) ? [] : throw SqsErrors.ReceiptHandleIsInvalid(handle);
    }

    public JsonObject DeleteMessageBatch(JsonObject request)
    {
        var queue = Queue(request);
        var successful = new JsonArray();
        var failed = new JsonArray();
        foreach (var entry in Entries(request))
        {
            var handle = entry["ReceiptHandle"]?.GetValue<string>() ?? "";
            if (queue.Delete(handle))
            {
                successful.Add((JsonNode)new JsonObject { ["Id"] = entry["Id"]!.DeepClone() });
            }
            else
            {
                failed.Add((JsonNode)new JsonObject
                {
                    ["Id"] = entry["Id"]!.DeepClone(),
                    ["SenderFault"] = true,
                    ["Code"] = "ReceiptHandleIsInvalid",
                    ["Message"] = $"The receipt handle \"{handle}\" is not valid.",
                });
            }
        }

        return new JsonObject { ["Successful"] = successful, ["Failed"] = failed };
    }

    public JsonObject ChangeMessageVisibility(JsonObject request)
    {
        var queue = Queue(request);
        var handle = request["ReceiptHandle"]?.GetValue<string>() ?? throw SqsErrors.MissingParameter("ReceiptHandle");
        var seconds = Int(request["VisibilityTimeout"]) ?? throw SqsErrors.MissingParameter("VisibilityTimeout");
        if (seconds is < 0 or > 43200)
        {
            throw SqsErrors.InvalidParameterValue($"Value {seconds} for parameter VisibilityTimeout is invalid. Reason: Must be between 0 and 43200.");
        }

        return queue.ChangeVisibility(handle, seconds) ? [] : throw SqsErrors.MessageNotInflight();
    }

    private static SqsMessage Send(SqsQueue queue, JsonObject request)
    {
        var body = request["MessageBody"]?.GetValue<string>() ?? throw SqsErrors.MissingParameter("MessageBody");
        var attributes = request["MessageAttributes"] as JsonObject ?? [];
        var size = Encoding.UTF8.GetByteCount(body) + attributes.Sum(a => Encoding.UTF8.GetByteCount(a.Key + a.Value?.ToJsonString()));
        if (body.Length == 0 || size > queue.Seconds("MaximumMessageSize"))
        {
            throw SqsErrors.InvalidParameterValue(
                $"One or more parameters are invalid. Reason: Message must be shorter than {queue.Seconds("MaximumMessageSize")} bytes and not empty.");
        }

        var groupId = request["MessageGroupId"]?.GetValue<string>();
        var deduplicationId = request["MessageDeduplicationId"]?.GetValue<string>();
        if (queue.IsFifo)
        {
            groupId = groupId ?? throw SqsErrors.MissingParameter("MessageGroupId");
            deduplicationId ??= queue.Attributes.GetValueOrDefault("ContentBasedDeduplication") == "true"
                ? Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(body)))
                : throw SqsErrors.InvalidParameterValue(
                    "The queue should either have ContentBasedDeduplication enabled or MessageDeduplicationId provided explicitly");
        }

        var delay = Int(request["DelaySeconds"]) ?? queue.Seconds("DelaySeconds");
        if (delay is < 0 or > 900)
        {
            throw SqsErrors.InvalidParameterValue($"Value {delay} for parameter DelaySeconds is invalid. Reason: Must be >= 0 and <= 900.");
        }

        return queue.Send(body, (JsonObject)attributes.DeepClone(), delay, groupId, deduplicationId);
    }

    private JsonObject Describe(SqsMessage message, HashSet<string> systemNames, HashSet<string> attributeNames)
    {
        var json = new JsonObject
        {
            ["MessageId"] = message.MessageId,
            ["ReceiptHandle"] = message.ReceiptHandle,
            ["MD5OfBody"] = SqsChecksums.OfBody(message.Body),
            ["Body"] = message.Body,
        };
        var system = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["SenderId"] = _options.AccountId,
            ["SentTimestamp"] = message.SentAt.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture),
            ["ApproximateReceiveCount"] = message.ReceiveCount.ToString(CultureInfo.InvariantCulture),
            ["ApproximateFirstReceiveTimestamp"] = (message.FirstReceivedAt ?? message.SentAt).ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture),
        };
        if (message.MessageGroupId is { } group)
        {
            (system["MessageGroupId"], system["SequenceNumber"]) = (group, message.SequenceNumber!);
        }

        var chosen = system.Where(a => systemNames.Contains("All") || systemNames.Contains(a.Key)).ToList();
        if (chosen.Count > 0)
        {
            json["Attributes"] = new JsonObject([.. chosen.Select(a => KeyValuePair.Create(a.Key, (JsonNode?)a.Value))]);
        }

        var attributes = message.MessageAttributes.Where(a => attributeNames.Contains("All") || attributeNames.Contains(".*") || attributeNames.Contains(a.Key)
            || attributeNames.Any(n => n.EndsWith(".*", StringComparison.Ordinal) && a.Key.StartsWith(n[..^1], StringComparison.Ordinal))).ToList();
        if (attributes.Count > 0)
        {
            var selected = new JsonObject([.. attributes.Select(a => KeyValuePair.Create(a.Key, a.Value?.DeepClone()))]);
            json["MessageAttributes"] = selected;
            json["MD5OfMessageAttributes"] = SqsChecksums.OfAttributes(selected);
        }

        return json;
    }

    private static List<JsonObject> Entries(JsonObject request)
    {
        var entries = (request["Entries"] as JsonArray ?? []).Select(e => e!.AsObject()).ToList();
        if (entries.Count == 0)
        {
            throw SqsErrors.EmptyBatchRequest();
        }

        if (entries.Count > 10)
        {
            throw SqsErrors.TooManyEntriesInBatchRequest(entries.Count);
        }

        var repeated = entries.GroupBy(e => e["Id"]?.GetValue<string>() ?? "").FirstOrDefault(g => g.Count() > 1);
        return repeated is null ? entries : throw SqsErrors.BatchEntryIdsNotDistinct(repeated.Key);
    }

}
