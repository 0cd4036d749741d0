using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using BatchKit.Emulator.Storage;
using BatchKit.StatesLanguage.Definition;

namespace BatchKit.Emulator.Services.StepFunctions;

/// <summary>
/// State machines (kept in the data directory, parsed again at start), executions (<see cref="ExecutionArchive"/> keeps
/// each one, with its history, Map Runs and redrive memo, in the data directory; once written, a finished execution's
/// history leaves memory and is read back on demand, <see cref="ReleasedHistories"/>),
/// activities (in the data directory) and tags (in memory).
/// </summary>
internal sealed class StepFunctionsStore(DataDirectory data)
{
    public RecordTable<StateMachineRecord> StateMachines { get; } = new(data, "stepfunctions-state-machines", new(
        m => new JsonObject
        {
            ["arn"] = m.Arn, ["name"] = m.Name, ["definition"] = m.Definition, ["roleArn"] = m.RoleArn, ["type"] = m.Type,
            ["creationDate"] = m.CreationDate.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
            ["revisionId"] = m.RevisionId, ["versionCount"] = m.VersionCount,
        },
        n => new StateMachineRecord(Text(n, "arn"), Text(n, "name"), Text(n, "definition"), StateMachineDefinition.Parse(Text(n, "definition")),
            Text(n, "roleArn"), Text(n, "type"), DateTimeOffset.Parse(Text(n, "creationDate"), System.Globalization.CultureInfo.InvariantCulture),
            n["revisionId"]?.GetValue<string>() ?? Guid.NewGuid().ToString(), n["versionCount"]?.GetValue<int>() ?? 0)));

    /// <summary>Published versions by version ARN, kept in the data directory.</summary>
    public RecordTable<StateMachineVersionRecord> Versions { get; } = new(data, "stepfunctions-versions");

    /// <summary>Aliases by alias ARN, kept in the data directory.</summary>
    public RecordTable<StateMachineAliasRecord> Aliases { get; } = new(data, "stepfunctions-aliases");

    public ConcurrentDictionary<string, ExecutionRecord> Executions { get; } = new(StringComparer.Ordinal);

    /// <summary>Activities, kept in the data directory: a Task state waiting on one must find it again after a restart.</summary>
    public RecordTable<ActivityRecord> Activities { get; } = new(data, "stepfunctions-activities");

    /// <summary>The last clientToken RedriveExecution took per execution, and the redrive it started.</summary>
    public ConcurrentDictionary<string, (string Token, DateTimeOffset Date)> RedriveTokens { get; } = new(StringComparer.Ordinal);

    /// <summary>Tags by resource ARN (state machines and activities), each kept in the order given.</summary>
    public ConcurrentDictionary<string, List<KeyValuePair<string, string>>> Tags { get; } = new(StringComparer.Ordinal);

    private static string Text(JsonNode node, string field) =>
        node[field]?.GetValue<string>() ?? throw new InvalidDataException($"the state machine record has no {field}");
}
