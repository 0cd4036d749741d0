using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace BatchKit.Emulator.Services.EventBridge;

/// <summary>Event buses: the default one and custom ones. https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-event-bus.html</summary>
internal sealed partial class EventBridgeProvider
{
    public JsonObject CreateEventBus(JsonObject request)
    {
        var name = Required(request, "Name");
        if (!BusNamePattern().IsMatch(name) || name == "default" || name.StartsWith("aws.", StringComparison.Ordinal))
        {
            throw EventBridgeErrors.Validation($"Event bus name {name} is not valid: 1-256 of [.-_A-Za-z0-9/], not 'default', not starting with 'aws.'");
        }

        var bus = Bus(name, request["Description"]?.GetValue<string>());
        return _store.Buses.TryAdd(name, bus)
            ? new JsonObject { ["EventBusArn"] = bus["Arn"]!.DeepClone() }
            : throw EventBridgeErrors.BusExists(bus["Arn"]!.GetValue<string>());
    }

    public JsonObject DescribeEventBus(JsonObject request) => (JsonObject)BusNamed(request["Name"]?.GetValue<string>()).DeepClone();

    /// <summary>Its rules must be gone first, as on AWS; the default bus cannot be deleted.</summary>
    public JsonObject DeleteEventBus(JsonObject request)
    {
        var name = BusName(Required(request, "Name"));
        if (name == "default")
        {
            throw EventBridgeErrors.Validation("Cannot delete event bus default.");
        }

        if (_store.RulesSnapshot().Any(r => r.Bus == name))
        {
            throw EventBridgeErrors.Validation($"Cannot delete event bus {name} because it has rules.");
        }

        _store.Buses.TryRemove(name, out _);
        return [];
    }

    public JsonObject ListEventBuses(JsonObject request)
    {
        var prefix = request["NamePrefix"]?.GetValue<string>() ?? "";
        var buses = _store.Buses.Values.Where(b => b["Name"]!.GetValue<string>().StartsWith(prefix, StringComparison.Ordinal))
            .OrderBy(b => b["Name"]!.GetValue<string>(), StringComparer.Ordinal).Select(b => (JsonNode)b.DeepClone());
        return Page(request, "EventBuses", buses);
    }

    private JsonObject Bus(string name, string? description)
    {
        var now = _time.GetUtcNow().ToUnixTimeMilliseconds() / 1000.0;
        var bus = new JsonObject
        {
            ["Name"] = name, ["Arn"] = $"arn:aws:events:{_options.Region}:{_options.AccountId}:event-bus/{name}", ["CreationTime"] = now,
                ["LastModifiedTime"] = now,
        };
        if (description is not null)
        {
            bus["Description"] = description;
        }

        return bus;
    }

    /// <summary>A bus by name or ARN (absent means the default bus).</summary>
    private JsonObject BusNamed(string? nameOrArn) =>
        _store.Buses.GetValueOrDefault(BusName(nameOrArn ?? "default")) ?? throw EventBridgeErrors.BusNotFound(BusName(nameOrArn ?? "default"));

    private static string BusName(string nameOrArn) =>
        nameOrArn.StartsWith("arn:", StringComparison.Ordinal) && nameOrArn.Contains(":event-bus/", StringComparison.Ordinal)
            ? nameOrArn[(nameOrArn.IndexOf(":event-bus/", StringComparison.Ordinal) + 11)..]
            : nameOrArn;

    private static string Required(JsonObject request, string name) =>
        request[name]?.GetValue<string>() is { Length: > 0 } value ? value
            : throw EventBridgeErrors.Validation($"1 validation error detected: Value null at '{name}' failed to satisfy constraint: Member must not be null");

    /// <summary>One page of a list (Limit up to 100, NextToken an offset).</summary>
    private static JsonObject Page(JsonObject request, string member, IEnumerable<JsonNode> all)
    {
        var items = all.ToList();
        var limit = Math.Clamp(request["Limit"]?.GetValue<int>() ?? 100, 1, 100);
        var offset = int.TryParse(request["NextToken"]?.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture, out var o) ? o : 0;
        var response = new JsonObject { [member] = new JsonArray([.. items.Skip(offset).Take(limit)]) };
        if (offset + limit < items.Count)
        {
            response["NextToken"] = (offset + limit).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return response;
    }

    [GeneratedRegex(@"^[/\.\-_A-Za-z0-9]{1,256}$")]
    private static partial Regex BusNamePattern();
}
