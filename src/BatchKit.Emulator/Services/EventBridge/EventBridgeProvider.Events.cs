using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace BatchKit.Emulator.Services.EventBridge;

/// <summary>
/// PutEvents: each entry checked on its own (a bad one is reported in its result, the others go on), made into an
/// event, and routed to the targets of every enabled rule on its bus whose pattern it matches; scheduled rules fire the
/// same way. https://docs.aws.amazon.com/eventbridge/latest/APIReference/API_PutEvents.html
/// </summary>
internal sealed partial class EventBridgeProvider
{
    public JsonObject PutEvents(JsonObject request)
    {
        var entries = request["Entries"] as JsonArray ?? throw EventBridgeErrors.Validation("Entries is required");
        if (entries.Count is < 1 or > 10)
        {
            throw EventBridgeErrors.Validation($"1 validation error detected: Value at 'entries' failed to satisfy constraint: Member must have length less " +
                $"than or equal to 10 and greater than or equal to 1");
        }

        if (System.Text.Encoding.UTF8.GetByteCount(entries.ToJsonString()) > MaxEntriesBytes)
        {
            throw EventBridgeErrors.Validation($"Total size of the entries in the request is over the limit of {MaxEntriesBytes} bytes.");
        }

        var results = new JsonArray();
        var failed = 0;
        foreach (var entry in entries)
        {
            var (result, @event, bus) = Accept(entry!.AsObject());
            results.Add((JsonNode)result);
            if (@event is null)
            {
                failed++;
                continue;
            }

            Route(bus!, @event);
        }

        return new JsonObject { ["FailedEntryCount"] = failed, ["Entries"] = results };
    }

    /// <summary>https://docs.aws.amazon.com/eventbridge/latest/APIReference/API_TestEventPattern.html</summary>
    public JsonObject TestEventPattern(JsonObject request)
    {
        var pattern = EventPattern.Parse(Required(request, "EventPattern"));
        JsonNode? @event;
        try
        {
            @event = JsonNode.Parse(Required(request, "Event"));
        }
        catch (JsonException e)
        {
            throw EventBridgeErrors.Validation("Parameter Event is not valid: " + e.Message);
        }

        return new JsonObject { ["Result"] = pattern.Matches(@event) };
    }

    /// <summary>Routes an event on a bus (also for a target that is another bus); unknown buses drop it.</summary>
    public void Route(string bus, JsonObject @event)
    {
        var matched = _store.RulesSnapshot().Where(r => r.Bus == bus && r.Enabled && r.Pattern?.Matches(@event) == true).ToList();
        _store.Events.Enqueue(new JsonObject { ["EventBusName"] = bus, ["Event"] = @event.DeepClone(), ["Rules"] = new JsonArray([.. matched.Select(r
            => (JsonNode)r.Arn)]) });
        foreach (var rule in matched)
        {
            List<JsonObject> targets;
            lock (_store.Sync)
            {
                targets = [.. rule.Targets.Values];
            }

            foreach (var target in targets)
            {
                _targets.Deliver(rule, target, @event);
            }
        }
    }

    private (JsonObject Result, JsonObject? Event, string? Bus) Accept(JsonObject entry)
    {
        foreach (var member in new[] { "Source", "DetailType", "Detail" })
        {
            if (entry[member]?.GetValue<string>() is not { Length: > 0 })
            {
                return (Failure("InvalidArgument", $"Parameter {member} is not valid. Reason: {member} is a required argument."), null, null);
            }
        }

        if (!_store.Buses.TryGetValue(BusName(entry["EventBusName"]?.GetValue<string>() ?? "default"), out var bus))
        {
            return (Failure("InvalidArgument", $"Event bus {entry["EventBusName"]} does not exist."), null, null);
        }

        JsonNode? detail;
        try
        {
            detail = JsonNode.Parse(entry["Detail"]!.GetValue<string>());
        }
        catch (JsonException)
        {
            detail = null;
        }

        if (detail is not JsonObject)
        {
            return (Failure("MalformedDetail", "Detail is malformed."), null, null);
        }

        var id = Guid.NewGuid().ToString();
        var time = entry["Time"] is { } given ? Timestamp(given) : _time.GetUtcNow();
        var @event = Event(id, entry["DetailType"]!.GetValue<string>(), entry["Source"]!.GetValue<string>(), time, entry["Resources"]?.DeepClone()
            ?? new JsonArray(), detail);
        return (new JsonObject { ["EventId"] = id }, @event, bus["Name"]!.GetValue<string>());
    }

    /// <summary>A scheduled rule's event: source aws.events, detail-type "Scheduled Event", the rule as its resource.</summary>
    private void FireSchedule(EventRule rule, DateTimeOffset due)
    {
        var @event = Event(Guid.NewGuid().ToString(), "Scheduled Event", "aws.events", due, new JsonArray(rule.Arn), new JsonObject());
        _store.Events.Enqueue(new JsonObject { ["EventBusName"] = rule.Bus, ["Event"] = @event.DeepClone(), ["Rules"] = new JsonArray(rule.Arn) });
        List<JsonObject> targets;
        lock (_store.Sync)
        {
            targets = [.. rule.Targets.Values];
        }

        foreach (var target in targets)
        {
            _targets.Deliver(rule, target, @event);
        }
    }

    private JsonObject Event(string id, string detailType, string source, DateTimeOffset time, JsonNode resources, JsonNode detail) => new()
    {
        ["version"] = "0", ["id"] = id, ["detail-type"] = detailType, ["source"] = source, ["account"] = _options.AccountId,
        ["time"] = time.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture), ["region"] = _options.Region,
        ["resources"] = resources, ["detail"] = detail,
    };

    /// <summary>The SDKs send a timestamp as epoch seconds; the CLI may send ISO 8601 text.</summary>
    private DateTimeOffset Timestamp(JsonNode node) =>
        node is JsonValue v && v.TryGetValue<double>(out var seconds)
            ? DateTimeOffset.FromUnixTimeMilliseconds((long)(seconds * 1000))
            : DateTimeOffset.TryParse(node.GetValue<string>(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed) ? parsed
                : _time.GetUtcNow();

    private static JsonObject Failure(string code, string message) => new() { ["ErrorCode"] = code, ["ErrorMessage"] = message };
}
