using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace BatchKit.Emulator.Services.EventBridge;

/// <summary>Rules and their targets. https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-rules.html</summary>
internal sealed partial class EventBridgeProvider
{
    /// <summary>Creates or updates a rule (by bus and name). https://docs.aws.amazon.com/eventbridge/latest/APIReference/API_PutRule.html</summary>
    public JsonObject PutRule(JsonObject request)
    {
        var name = Required(request, "Name");
        if (!RuleNamePattern().IsMatch(name))
        {
            throw EventBridgeErrors.Validation($"1 validation error detected: Value '{name}' at 'name' failed to satisfy constraint: Member must satisfy " +
                $"regular expression pattern: [\\.\\-_A-Za-z0-9]+");
        }

        var bus = BusNamed(request["EventBusName"]?.GetValue<string>())["Name"]!.GetValue<string>();
        var patternText = request["EventPattern"]?.GetValue<string>();
        var scheduleText = request["ScheduleExpression"]?.GetValue<string>();
        if (patternText is null && scheduleText is null)
        {
            throw EventBridgeErrors.Validation("Parameter(s) EventPattern, ScheduleExpression must be specified.");
        }

        if (scheduleText is not null && bus != "default")
        {
            throw EventBridgeErrors.Validation("ScheduleExpression is supported only on the default event bus.");
        }

        var pattern = patternText is null ? null : EventPattern.Parse(patternText);
        var schedule = scheduleText is null ? null : ScheduleExpression.Parse(scheduleText);
        var state = request["State"]?.GetValue<string>() ?? "ENABLED";
        var arn = $"arn:aws:events:{_options.Region}:{_options.AccountId}:rule/{(bus == "default" ? "" : bus + "/")}{name}";
        lock (_store.Sync)
        {
            if (!_store.Rules.TryGetValue(bus + "/" + name, out var rule))
            {
                _store.Rules[bus + "/" + name] = rule = new EventRule(name, bus, arn);
            }

            (rule.EventPatternText, rule.Pattern, rule.ScheduleText, rule.Schedule) = (patternText, pattern, scheduleText, schedule);
            (rule.State, rule.Description, rule.RoleArn) = (state, request["Description"]?.GetValue<string>(), request["RoleArn"]?.GetValue<string>());
            rule.NextFire = schedule?.Next(_time.GetUtcNow()) ?? DateTimeOffset.MaxValue;
        }

        return new JsonObject { ["RuleArn"] = arn };
    }

    public JsonObject DescribeRule(JsonObject request)
    {
        var rule = Rule(request);
        var described = rule.Describe();
        described["CreatedBy"] = _options.AccountId;
        return described;
    }

    /// <summary>A rule with targets cannot be deleted (unless Force), as on AWS.</summary>
    public JsonObject DeleteRule(JsonObject request)
    {
        var bus = BusNamed(request["EventBusName"]?.GetValue<string>())["Name"]!.GetValue<string>();
        lock (_store.Sync)
        {
            if (_store.Rules.TryGetValue(bus + "/" + Required(request, "Name"), out var rule))
            {
                if (rule.Targets.Count > 0 && request["Force"]?.GetValue<bool>() != true)
                {
                    throw EventBridgeErrors.Validation("Rule can't be deleted since it has targets.");
                }

                _store.Rules.Remove(bus + "/" + rule.Name);
            }
        }

        return [];
    }

    public JsonObject ListRules(JsonObject request)
    {
        var bus = BusNamed(request["EventBusName"]?.GetValue<string>())["Name"]!.GetValue<string>();
        var prefix = request["NamePrefix"]?.GetValue<string>() ?? "";
        var rules = _store.RulesSnapshot().Where(r => r.Bus == bus && r.Name.StartsWith(prefix, StringComparison.Ordinal))
            .OrderBy(r => r.Name, StringComparer.Ordinal).Select(r => (JsonNode)r.Describe());
        return Page(request, "Rules", rules);
    }

    public JsonObject EnableRule(JsonObject request) => SetState(request, "ENABLED");

    public JsonObject DisableRule(JsonObject request) => SetState(request, "DISABLED");

    public JsonObject ListRuleNamesByTarget(JsonObject request)
    {
        var bus = BusNamed(request["EventBusName"]?.GetValue<string>())["Name"]!.GetValue<string>();
        var target = Required(request, "TargetArn");
        var names = _store.RulesSnapshot().Where(r => r.Bus == bus && r.Targets.Values.Any(t => t["Arn"]!.GetValue<string>() == target))
            .Select(r => r.Name).Order(StringComparer.Ordinal).Select(n => (JsonNode)n);
        return Page(request, "RuleNames", names);
    }

    /// <summary>At most five targets per rule; a target's Id replaces the one with that Id.
    /// https://docs.aws.amazon.com/eventbridge/latest/APIReference/API_PutTargets.html</summary>
    public JsonObject PutTargets(JsonObject request)
    {
        var rule = Rule(request, "Rule");
        var targets = request["Targets"] as JsonArray ?? throw EventBridgeErrors.Validation("Targets is required");
        foreach (var target in targets)
        {
            if (target?["Id"]?.GetValue<string>() is not { Length: > 0 } || target["Arn"]?.GetValue<string>() is not { Length: > 0 })
            {
                throw EventBridgeErrors.Validation("Each target needs an Id and an Arn.");
            }

            TargetInput.Check(target.AsObject());
        }

        lock (_store.Sync)
        {
            var ids = rule.Targets.Keys.Union(targets.Select(t => t!["Id"]!.GetValue<string>())).Count();
            if (ids > 5)
            {
                throw new Protocol.ServiceErrorException("LimitExceededException",
                    $"The requested resource exceeds the maximum number allowed: a rule has at most 5 targets; {rule.Name} would have {ids}.");
            }

            foreach (var target in targets)
            {
                rule.Targets[target!["Id"]!.GetValue<string>()] = (JsonObject)target.DeepClone();
            }
        }

        return new JsonObject { ["FailedEntryCount"] = 0, ["FailedEntries"] = new JsonArray() };
    }

    public JsonObject RemoveTargets(JsonObject request)
    {
        var rule = Rule(request, "Rule");
        lock (_store.Sync)
        {
            foreach (var id in request["Ids"] as JsonArray ?? [])
            {
                rule.Targets.Remove(id!.GetValue<string>());
            }
        }

        return new JsonObject { ["FailedEntryCount"] = 0, ["FailedEntries"] = new JsonArray() };
    }

    public JsonObject ListTargetsByRule(JsonObject request)
    {
        var rule = Rule(request, "Rule");
        lock (_store.Sync)
        {
            return Page(request, "Targets", rule.Targets.Values.Select(t => t.DeepClone()).ToList());
        }
    }

    private JsonObject SetState(JsonObject request, string state)
    {
        var rule = Rule(request);
        lock (_store.Sync)
        {
            rule.State = state;
            rule.NextFire = state == "ENABLED" ? rule.Schedule?.Next(_time.GetUtcNow()) ?? DateTimeOffset.MaxValue : DateTimeOffset.MaxValue;
        }

        return [];
    }

    private EventRule Rule(JsonObject request, string member = "Name")
    {
        var bus = BusNamed(request["EventBusName"]?.GetValue<string>())["Name"]!.GetValue<string>();
        var name = Required(request, member);
        lock (_store.Sync)
        {
            return _store.Rules.GetValueOrDefault(bus + "/" + name) ?? throw EventBridgeErrors.RuleNotFound(name, bus);
        }
    }

    [GeneratedRegex(@"^[\.\-_A-Za-z0-9]{1,64}$")]
    private static partial Regex RuleNamePattern();
}
