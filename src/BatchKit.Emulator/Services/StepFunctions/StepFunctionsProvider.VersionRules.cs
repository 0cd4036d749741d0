using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using BatchKit.Emulator.Protocol;
using BatchKit.StatesLanguage.Definition;

namespace BatchKit.Emulator.Services.StepFunctions;

/// <summary>
/// The rules behind versions and aliases: publishing, routing configurations, which target an execution ARN names, and
/// the validation AWS applies (botocore stepfunctions service-2.json: names, lengths, weights).
/// </summary>
internal sealed partial class StepFunctionsProvider
{
    /// <summary>
    /// A new version of the machine as it stands; when its revision is already the latest version's, that version (AWS
    /// publishes nothing new for an unchanged machine). A revisionId that is not the current one is a ConflictException.
    /// </summary>
    private StateMachineVersionRecord Publish(string machineArn, string? description, string? revisionId)
    {
        description = Description(description);
        lock (store.Versions)
        {
            var machine = Machine(machineArn);
            if (revisionId is not null && revisionId != machine.RevisionId)
            {
                throw Conflict($"Failed to publish the state machine version: the revisionId '{revisionId}' is not the current one, '{machine.RevisionId}'");
            }

            var versions = VersionsOf(machine.Arn).ToList();
            if (versions.MaxBy(v => v.Version) is { } latest && latest.RevisionId == machine.RevisionId)
            {
                return latest;
            }

            if (versions.Count >= MaxVersions)
            {
                throw new ServiceErrorException("ServiceQuotaExceededException", $"A state machine can have at most {MaxVersions} versions: {machine.Arn}");
            }

            var number = machine.VersionCount + 1;
            store.StateMachines[machine.Arn] = machine with { VersionCount = number };
            var version = new StateMachineVersionRecord($"{machine.Arn}:{number}", machine.Arn, number, machine.Definition, machine.RoleArn, machine.Type,
                machine.RevisionId, description, time.GetUtcNow());
            store.Versions.TryAdd(version.Arn, version);
            return version;
        }
    }

    /// <summary>CreateStateMachine/UpdateStateMachine: publish=true; a versionDescription without it is a ValidationException.</summary>
    private static bool Publishing(JsonObject request)
    {
        var publish = request["publish"]?.GetValue<bool>() ?? false;
        return request["versionDescription"] is not null && !publish
            ? throw StepFunctionsErrors.Validation("Version description can only be set when publish is true")
            : publish;
    }

    private IEnumerable<StateMachineVersionRecord> VersionsOf(string machineArn) => store.Versions.Values.Where(v => v.StateMachineArn == machineArn);

    private void DeleteVersionsAndAliases(string machineArn)
    {
        foreach (var alias in store.Aliases.Values.Where(a => a.StateMachineArn == machineArn).ToList())
        {
            store.Aliases.TryRemove(alias.Arn, out _);
        }

        foreach (var version in VersionsOf(machineArn).ToList())
        {
            store.Versions.TryRemove(version.Arn, out _);
        }
    }

    /// <summary>What StartExecution runs: a machine, a version, or an alias's version chosen by weight.</summary>
    private (StateMachineRecord Machine, StateMachineVersionRecord? Version, string? AliasArn) ExecutionTarget(string arn)
    {
        if (store.Versions.GetValueOrDefault(arn) is { } version)
        {
            return (Machine(version.StateMachineArn), version, null);
        }

        if (store.Aliases.GetValueOrDefault(arn) is { } alias)
        {
            var routed = alias.Routing.Count == 1 || Random.Shared.Next(100) < alias.Routing[0].Weight ? alias.Routing[0] : alias.Routing[1];
            var target = store.Versions.GetValueOrDefault(routed.StateMachineVersionArn)
                ?? throw StepFunctionsErrors.StateMachineDoesNotExist(routed.StateMachineVersionArn);
            return (Machine(target.StateMachineArn), target, alias.Arn);
        }

        return (Machine(arn), null, null);
    }

    private StateMachineDefinition VersionDefinition(StateMachineVersionRecord version) =>
        _versionDefinitions.GetOrAdd(version.Arn, _ => Parse(version.Definition));

    /// <summary>ListExecutions' stateMachineArn: a machine (all its executions), a version or an alias (those started through it).</summary>
    private Func<ExecutionRecord, bool> ListedBy(string? arn)
    {
        if (arn is null)
        {
            return _ => true;
        }

        if (store.Versions.ContainsKey(arn))
        {
            return r => r.VersionArn == arn;
        }

        if (store.Aliases.ContainsKey(arn))
        {
            return r => r.AliasArn == arn;
        }

        Machine(arn);
        return r => r.StateMachineArn == arn;
    }

    private static void AddVersionFields(JsonObject response, ExecutionRecord record)
    {
        if (record.VersionArn is not null)
        {
            response["stateMachineVersionArn"] = record.VersionArn;
        }

        if (record.AliasArn is not null)
        {
            response["stateMachineAliasArn"] = record.AliasArn;
        }
    }

    /// <summary>1 or 2 distinct, existing versions of one machine whose weights (0-100) add up to 100.</summary>
    private List<VersionWeight> Routing(JsonArray given)
    {
        if (given.Count is < 1 or > 2)
        {
            throw StepFunctionsErrors.Validation(
                "1 validation error detected: Value at 'routingConfiguration' failed to satisfy constraint: Member must have length between 1 and 2");
        }

        var routing = given.Select(r => new VersionWeight(
            QualifiedArn(r?["stateMachineVersionArn"]?.GetValue<string>() ?? throw MissingMember("routingConfiguration.member.stateMachineVersionArn")),
            r["weight"]?.GetValue<int>() ?? throw MissingMember("routingConfiguration.member.weight"))).ToList();
        if (routing.Any(r => r.Weight is < 0 or > 100) || routing.Sum(r => r.Weight) != 100)
        {
            throw StepFunctionsErrors.Validation("Sum of routing configuration weights must be equal to 100, each between 0 and 100");
        }

        if (routing.Select(r => r.StateMachineVersionArn).Distinct(StringComparer.Ordinal).Count() != routing.Count)
        {
            throw StepFunctionsErrors.Validation("Routing configuration must contain distinct state machine versions");
        }

        var versions = routing.Select(r => store.Versions.GetValueOrDefault(r.StateMachineVersionArn)
            ?? throw StepFunctionsErrors.ResourceNotFound(r.StateMachineVersionArn)).ToList();
        return versions.Select(v => v.StateMachineArn).Distinct(StringComparer.Ordinal).Count() == 1 ? routing
            : throw StepFunctionsErrors.Validation("Routing configuration must contain versions of the same state machine");
    }

    private StateMachineAliasRecord Alias(string arn) =>
        store.Aliases.GetValueOrDefault(QualifiedArn(arn)) ?? throw StepFunctionsErrors.ResourceNotFound(arn);

    /// <summary>A version or alias ARN: arn:partition:states:region:account:stateMachine:name:qualifier.</summary>
    private static string QualifiedArn(string arn) => QualifiedArnPattern().IsMatch(arn) ? arn : throw StepFunctionsErrors.InvalidArn(arn);

    /// <summary>An alias name has at least one letter, '_', '-' or '.', so it is never taken for a version number.</summary>
    private static string AliasName(string name) => AliasNamePattern().IsMatch(name) ? name : throw StepFunctionsErrors.InvalidName(name);

    private static string? Description(string? description) => description is { Length: > 256 }
        ? throw StepFunctionsErrors.Validation(
            "1 validation error detected: Value at 'description' failed to satisfy constraint: Member must have length less than or equal to 256")
        : description;

    private static ServiceErrorException Conflict(string message) => new("ConflictException", message);

    private static ServiceErrorException MissingMember(string field) =>
        StepFunctionsErrors.Validation($"1 validation error detected: Value null at '{field}' failed to satisfy constraint: Member must not be null");

    [GeneratedRegex(@"^arn:aws[a-z-]*:states:[a-z0-9-]+:\d{12}:stateMachine:[A-Za-z0-9\-_.]{1,80}:[A-Za-z0-9\-_.]{1,80}\z")]
    private static partial Regex QualifiedArnPattern();

    [GeneratedRegex(@"^(?=.*[a-zA-Z_\-.])[a-zA-Z0-9_\-.]{1,80}\z")]
    private static partial Regex AliasNamePattern();
}
