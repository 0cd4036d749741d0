using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using BatchKit.Emulator.Protocol;

namespace BatchKit.Emulator.Services.Sqs;

/// <summary>
/// Amazon SQS, in its JSON protocol (<c>AmazonSQS</c>, what current SDKs and the CLI send) and its query protocol (older
/// clients): queues, sending, receiving with visibility timeouts and long polling, deleting. One method per operation.
/// https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_Operations.html
/// </summary>
internal sealed partial class SqsProvider : IJsonService, IQueryService
{
    private readonly SqsStore _store;
    private readonly EmulatorEndpoint _endpoint;
    private readonly EmulatorOptions _options;
    private readonly TimeProvider _time;
    private readonly Dictionary<string, Func<JsonObject, CancellationToken, Task<JsonObject>>> _operations;

    public SqsProvider(SqsStore store, EmulatorEndpoint endpoint, EmulatorOptions options, TimeProvider time)
    {
        (_store, _endpoint, _options, _time) = (store, endpoint, options, time);
        _operations = new(StringComparer.Ordinal)
        {
            ["CreateQueue"] = (r, _) => Task.FromResult(CreateQueue(r)),
            ["GetQueueUrl"] = (r, _) => Task.FromResult(GetQueueUrl(r)),
            ["ListQueues"] = (r, _) => Task.FromResult(ListQueues(r)),
            ["DeleteQueue"] = (r, _) => Task.FromResult(DeleteQueue(r)),
            ["PurgeQueue"] = (r, _) => Task.FromResult(PurgeQueue(r)),
            ["GetQueueAttributes"] = (r, _) => Task.FromResult(GetQueueAttributes(r)),
            ["SetQueueAttributes"] = (r, _) => Task.FromResult(SetQueueAttributes(r)),
            ["SendMessage"] = (r, _) => Task.FromResult(SendMessage(r)),
            ["SendMessageBatch"] = (r, _) => Task.FromResult(SendMessageBatch(r)),
            ["ReceiveMessage"] = ReceiveMessageAsync,
            ["DeleteMessage"] = (r, _) => Task.FromResult(DeleteMessage(r)),
            ["DeleteMessageBatch"] = (r, _) => Task.FromResult(DeleteMessageBatch(r)),
            ["ChangeMessageVisibility"] = (r, _) => Task.FromResult(ChangeMessageVisibility(r)),
        };
    }

    public string TargetPrefix => "AmazonSQS";

    public string ContentType => "application/x-amz-json-1.0";

    public string SigningName => "sqs";

    public string ModelName => "sqs";

    public long MaxRequestBytes => 2 << 20;

    public IReadOnlyCollection<string> Operations => _operations.Keys;

    public IReadOnlyCollection<string> SigningNames { get; } = ["sqs"];

    public string XmlNamespace => "http://queue.amazonaws.com/doc/2012-11-05/";

    public QueryXmlShape XmlShape { get; } = new(
        new Dictionary<string, string>
        {
            ["Messages"] = "Message", ["Attributes"] = "Attribute", ["MessageAttributes"] = "MessageAttribute", ["QueueUrls"] = "QueueUrl",
        },
        new HashSet<string>());

    public async Task<JsonNode?> InvokeAsync(string operation, JsonObject request, CancellationToken cancellationToken) =>
        _operations.TryGetValue(operation, out var run)
            ? await run(request, cancellationToken).ConfigureAwait(false)
            : throw new ServiceErrorException("UnknownOperationException", $"The operation {operation} is not supported by BatchKit's SQS emulation.");

    /// <summary>The query protocol's flattened lists and maps, turned into the JSON members the operations read.</summary>
    public Task<JsonObject> InvokeQueryAsync(QueryCall call, CancellationToken cancellationToken)
    {
        if (call.Action.EndsWith("Batch", StringComparison.Ordinal))
        {
            throw new ServiceErrorException("InvalidAction", $"BatchKit's SQS emulation answers {call.Action} in the JSON protocol only.");
        }

        var request = SqsQueryInput.ToJson(call.Input);
        if (request["QueueUrl"] is null && call.Path.Count(c => c == '/') == 2)
        {
            request["QueueUrl"] = new Uri(_endpoint.Url, call.Path).ToString();
        }

        return _operations[call.Action](request, cancellationToken);
    }

    /// <summary>
    /// Idempotent for the same name and attributes. https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_CreateQueue.html
    /// </summary>
    public JsonObject CreateQueue(JsonObject request)
    {
        var name = request["QueueName"]?.GetValue<string>() ?? throw SqsErrors.MissingParameter("QueueName");
        if (!QueueName().IsMatch(name))
        {
            throw SqsErrors.InvalidParameterValue("Can only include alphanumeric characters, hyphens, or underscores. 1 to 80 in length");
        }

        var fifo = name.EndsWith(".fifo", StringComparison.Ordinal);
        var attributes = SqsAttributes.Defaults(fifo);
        foreach (var (key, value) in Map(request["Attributes"]))
        {
            SqsAttributes.Check(key, value, fifo);
            attributes[key] = value;
        }

        if (attributes.GetValueOrDefault("FifoQueue") == "true" && !fifo)
        {
            throw SqsErrors.InvalidParameterValue(
                "The name of a FIFO queue can only include alphanumeric characters, hyphens, or underscores, must end with .fifo suffix.");
        }

        var url = $"{_endpoint.Url.ToString().TrimEnd('/')}/{_options.AccountId}/{name}";
        var now = _time.GetUtcNow();
        var created = new SqsQueue(name, url, $"arn:aws:sqs:{_options.Region}:{_options.AccountId}:{name}", attributes, now, _time) { LastModified = now };
        var queue = _store.Queues.GetOrAdd(name, created);
        if (queue != created && Map(request["Attributes"]).Any(a => queue.Attributes.GetValueOrDefault(a.Key) != a.Value))
        {
            throw SqsErrors.QueueNameExists(name);
        }

        return new JsonObject { ["QueueUrl"] = queue.Url };
    }

    public JsonObject GetQueueUrl(JsonObject request)
    {
        var name = request["QueueName"]?.GetValue<string>() ?? throw SqsErrors.MissingParameter("QueueName");
        return new JsonObject { ["QueueUrl"] = (_store.Queues.GetValueOrDefault(name) ?? throw SqsErrors.QueueDoesNotExist()).Url };
    }

    public JsonObject ListQueues(JsonObject request)
    {
        var prefix = request["QueueNamePrefix"]?.GetValue<string>() ?? "";
        var max = Int(request["MaxResults"]) ?? 1000;
        var start = request["NextToken"]?.GetValue<string>() is { } token ? int.Parse(token, CultureInfo.InvariantCulture) : 0;
        var urls = _store.Queues.Values
            .Where(q => q.Name.StartsWith(prefix, StringComparison.Ordinal))
            .Select(q => q.Url)
            .Order(StringComparer.Ordinal)
            .ToList();
        var response = new JsonObject { ["QueueUrls"] = new JsonArray([.. urls.Skip(start).Take(max).Select(u => (JsonNode)u)]) };
        if (request["MaxResults"] is not null && start + max < urls.Count)
        {
            response["NextToken"] = (start + max).ToString(CultureInfo.InvariantCulture);
        }

        return response;
    }

    public JsonObject DeleteQueue(JsonObject request)
    {
        var queue = Queue(request);
        _store.Queues.TryRemove(queue.Name, out _);
        return [];
    }

    public JsonObject PurgeQueue(JsonObject request)
    {
        Queue(request).Purge();
        return [];
    }

    /// <summary>The named attributes, or every one for <c>All</c>, with the counts SQS computes.</summary>
    public JsonObject GetQueueAttributes(JsonObject request)
    {
        var queue = Queue(request);
        var names = Strings(request["AttributeNames"]);
        var (visible, inFlight, delayed) = queue.Counts();
        var all = new Dictionary<string, string>(queue.Attributes, StringComparer.Ordinal)
        {
            ["QueueArn"] = queue.Arn,
            ["ApproximateNumberOfMessages"] = visible.ToString(CultureInfo.InvariantCulture),
            ["ApproximateNumberOfMessagesNotVisible"] = inFlight.ToString(CultureInfo.InvariantCulture),
            ["ApproximateNumberOfMessagesDelayed"] = delayed.ToString(CultureInfo.InvariantCulture),
            ["CreatedTimestamp"] = queue.CreatedAt.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture),
            ["LastModifiedTimestamp"] = queue.LastModified.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture),
        };
        foreach (var name in names.Where(n => n != "All" && !all.ContainsKey(n) && !SqsAttributes.Settable.ContainsKey(n)))
        {
            throw SqsErrors.InvalidAttributeName(name);
        }

        var chosen = names.Contains("All") ? all : all.Where(a => names.Contains(a.Key)).ToDictionary();
        return chosen.Count == 0
            ? []
            : new JsonObject { ["Attributes"] = new JsonObject([.. chosen.Select(a => KeyValuePair.Create(a.Key, (JsonNode?)a.Value))]) };
    }

    public JsonObject SetQueueAttributes(JsonObject request)
    {
        var queue = Queue(request);
        var attributes = Map(request["Attributes"]);
        foreach (var (key, value) in attributes)
        {
            SqsAttributes.Check(key, value, queue.IsFifo);
        }

        lock (queue.Attributes)
        {
            foreach (var (key, value) in attributes)
            {
                queue.Attributes[key] = value;
            }

            queue.LastModified = _time.GetUtcNow();
        }

        return [];
    }

    /// <summary>Sends to a queue by ARN, for EventBridge targets: false when there is no such queue.</summary>
    public bool TrySend(string queueArn, string body, string? messageGroupId = null)
    {
        var queue = _store.Queues.Values.FirstOrDefault(q => q.Arn == queueArn);
        if (queue is null)
        {
            return false;
        }

        queue.Send(body, [], 0, messageGroupId ?? (queue.IsFifo ? "default" : null), queue.IsFifo ? Guid.NewGuid().ToString() : null);
        return true;
    }

    private SqsQueue Queue(JsonObject request)
    {
        var url = request["QueueUrl"]?.GetValue<string>() ?? throw SqsErrors.MissingParameter("QueueUrl");
        var name = url.TrimEnd('/').Split('/')[^1];
        return _store.Queues.TryGetValue(name, out var queue) ? queue : throw SqsErrors.QueueDoesNotExist();
    }

    private static Dictionary<string, string> Map(JsonNode? node) =>
        (node as JsonObject ?? []).ToDictionary(a => a.Key, a => a.Value?.ToString() ?? "", StringComparer.Ordinal);

    private static List<string> Strings(JsonNode? node) => (node as JsonArray ?? []).Select(n => n!.GetValue<string>()).ToList();

    /// <summary>A number from the JSON protocol or a string from the query protocol.</summary>
    private static int? Int(JsonNode? node) => node switch
    {
        null => null,
        JsonValue v when v.TryGetValue<int>(out var n) => n,
        JsonValue v when int.TryParse(v.ToString(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var parsed) => parsed,
        _ => throw SqsErrors.InvalidParameterValue($"Value {node.ToJsonString()} for parameter is invalid. Reason: must be an integer."),
    };

    [GeneratedRegex(@"^[A-Za-z0-9_-]{1,80}(\.fifo)?$")]
    private static partial Regex QueueName();
}
