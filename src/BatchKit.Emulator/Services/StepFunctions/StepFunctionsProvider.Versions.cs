using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using BatchKit.Emulator.Protocol;
using BatchKit.StatesLanguage.Definition;

namespace BatchKit.Emulator.Services.StepFunctions;

/// <summary>
/// State machine versions (immutable, numbered snapshots of a machine) and aliases (names routing executions to one or
/// two versions by weight), and starting executions through them.
/// https://docs.aws.amazon.com/step-functions/latest/dg/concepts-state-machine-version.html
/// https://docs.aws.amazon.com/step-functions/latest/dg/concepts-state-machine-alias.html
/// </summary>
internal sealed partial class StepFunctionsProvider
{
    /// <summary>AWS's quotas: 1,000 versions and 100 aliases per state machine.</summary>
    private const int MaxVersions = 1000;

    private const int MaxAliases = 100;

    private readonly ConcurrentDictionary<string, StateMachineDefinition> _versionDefinitions = new(StringComparer.Ordinal);

    /// <summary>Publishes the machine as it stands (or returns the latest version when nothing changed since it).</summary>
    public JsonObject PublishStateMachineVersion(JsonObject request)
    {
        var version = Publish(Required(request, "stateMachineArn"), request["description"]?.GetValue<string>(), request["revisionId"]?.GetValue<string>());
        return new JsonObject { ["creationDate"] = Epoch(version.CreationDate), ["stateMachineVersionArn"] = version.Arn };
    }

    /// <summary>The machine's versions, newest first (none for a machine that does not exist: the operation has no such error).</summary>
    public JsonObject ListStateMachineVersions(JsonObject request)
    {
        var machineArn = Required(request, "stateMachineArn");
        if (!machineArn.StartsWith("arn:", StringComparison.Ordinal))
        {
            throw StepFunctionsErrors.InvalidArn(machineArn);
        }

        return Page(request, VersionsOf(machineArn).OrderByDescending(v => v.Version),
            v => new JsonObject { ["stateMachineVersionArn"] = v.Arn, ["creationDate"] = Epoch(v.CreationDate) }, "stateMachineVersions");
    }

    /// <summary>Deletes a version; one an alias routes to is a ConflictException. A version that does not exist is no error.</summary>
    public JsonObject DeleteStateMachineVersion(JsonObject request)
    {
        var arn = QualifiedArn(Required(request, "stateMachineVersionArn"));
        lock (store.Versions)
        {
            if (store.Aliases.Values.FirstOrDefault(a => a.Routing.Any(r => r.StateMachineVersionArn == arn)) is { } alias)
            {
                throw Conflict($"Version to be deleted must not be referenced by an alias. Current list of aliases referencing this version: [{alias.Arn}]");
            }

            store.Versions.TryRemove(arn, out _);
        }

        return [];
    }

    public JsonObject CreateStateMachineAlias(JsonObject request)
    {
        var name = AliasName(Required(request, "name"));
        var description = Description(request["description"]?.GetValue<string>());
        var routing = Routing(request["routingConfiguration"] as JsonArray ?? throw MissingMember("routingConfiguration"));
        var machineArn = store.Versions[routing[0].StateMachineVersionArn].StateMachineArn;
        var arn = $"{machineArn}:{name}";
        var now = time.GetUtcNow();
        lock (store.Versions)
        {
            if (store.Aliases.GetValueOrDefault(arn) is { } existing)
            {
                // Idempotent when nothing differs, as AWS is.
                return existing.Description == description && existing.Routing.SequenceEqual(routing)
                    ? new JsonObject { ["stateMachineAliasArn"] = arn, ["creationDate"] = Epoch(existing.CreationDate) }
                    : throw Conflict($"Failed to create alias because an alias with the same name and a different routing configuration already exists: {arn}");
            }

            if (store.Aliases.Values.Count(a => a.StateMachineArn == machineArn) >= MaxAliases)
            {
                throw new ServiceErrorException("ServiceQuotaExceededException", $"A state machine can have at most {MaxAliases} aliases: {machineArn}");
            }

            store.Aliases.TryAdd(arn, new StateMachineAliasRecord(arn, machineArn, name, description, routing, now, now));
        }

        return new JsonObject { ["stateMachineAliasArn"] = arn, ["creationDate"] = Epoch(now) };
    }

    public JsonObject DescribeStateMachineAlias(JsonObject request)
    {
        var alias = Alias(Required(request, "stateMachineAliasArn"));
        var response = new JsonObject
        {
            ["stateMachineAliasArn"] = alias.Arn,
            ["name"] = alias.Name,
            ["routingConfiguration"] = new JsonArray([.. alias.Routing.Select(r => (JsonNode?)new JsonObject
            {
                ["stateMachineVersionArn"] = r.StateMachineVersionArn, ["weight"] = r.Weight,
            })]),
            ["creationDate"] = Epoch(alias.CreationDate),
            ["updateDate"] = Epoch(alias.UpdateDate),
        };
        if (alias.Description is not null)
        {
            response["description"] = alias.Description;
        }

        return response;
    }

    public JsonObject UpdateStateMachineAlias(JsonObject request)
    {
        var alias = Alias(Required(request, "stateMachineAliasArn"));
        var description = request["description"]?.GetValue<string>();
        var given = request["routingConfiguration"] as JsonArray;
        if (description is null && given is null)
        {
            throw StepFunctionsErrors.Validation("Either the description or the routingConfiguration must be specified");
        }

        var routing = given is null ? alias.Routing : Routing(given);
        if (routing.Any(r => store.Versions[r.StateMachineVersionArn].StateMachineArn != alias.StateMachineArn))
        {
            throw StepFunctionsErrors.Validation($"Routing configuration must contain versions of the alias's state machine: {alias.StateMachineArn}");
        }

        var now = time.GetUtcNow();
        store.Aliases[alias.Arn] = alias with
        {
            Description = description is null ? alias.Description : Description(description), Routing = routing, UpdateDate = now,
        };
        return new JsonObject { ["updateDate"] = Epoch(now) };
    }

    public JsonObject DeleteStateMachineAlias(JsonObject request)
    {
        var alias = Alias(Required(request, "stateMachineAliasArn"));
        store.Aliases.TryRemove(alias.Arn, out _);
        return [];
    }

    public JsonObject ListStateMachineAliases(JsonObject request)
    {
        var machine = Machine(Required(request, "stateMachineArn"));
        return Page(request, store.Aliases.Values.Where(a => a.StateMachineArn == machine.Arn).OrderBy(a => a.Name, StringComparer.Ordinal),
            a => new JsonObject { ["stateMachineAliasArn"] = a.Arn, ["creationDate"] = Epoch(a.CreationDate) }, "stateMachineAliases");
    }
}
