using System.Text.Json.Nodes;

namespace BatchKit.Emulator.Services.EventBridge;

/// <summary>
/// A rule on an event bus: an event pattern, a schedule, or both; its state; its targets (at most five) by Id; and,
/// for a schedule, when it fires next. https://docs.aws.amazon.com/eventbridge/latest/APIReference/API_PutRule.html
/// </summary>
internal sealed class EventRule(string name, string bus, string arn)
{
    public string Name => name;

    public string Bus => bus;

    public string Arn => arn;

    public string? Description { get; set; }

    public string? EventPatternText { get; set; }

    public EventPattern? Pattern { get; set; }

    public string? ScheduleText { get; set; }

    public ScheduleExpression? Schedule { get; set; }

    public DateTimeOffset NextFire { get; set; } = DateTimeOffset.MaxValue;

    public string State { get; set; } = "ENABLED";

    public string? RoleArn { get; set; }

    public string? ManagedBy { get; set; }

    public Dictionary<string, JsonObject> Targets { get; } = new(StringComparer.Ordinal);

    public bool Enabled => State == "ENABLED";

    public JsonObject Describe()
    {
        var described = new JsonObject { [nameof(Name)] = name, [nameof(Arn)] = arn, [nameof(State)] = State, ["EventBusName"] = bus };
        Add(described, "Description", Description);
        Add(described, "EventPattern", EventPatternText);
        Add(described, "ScheduleExpression", ScheduleText);
        Add(described, "RoleArn", RoleArn);
        Add(described, "ManagedBy", ManagedBy);
        return described;
    }

    private static void Add(JsonObject target, string key, string? value)
    {
        if (value is not null)
        {
            target[key] = value;
        }
    }
}
