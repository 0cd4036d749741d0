using System.Text.Json.Nodes;

namespace BatchKit.Emulator.Viewer.Api;

/// <summary>State machines: the list with their executions counted by status, and one with its definition (ASL text).</summary>
internal sealed class StateMachineReadout(ExecutionIndex index)
{
    public JsonObject List()
    {
        var counts = index.Started.GroupBy(r => r.StateMachineArn, StringComparer.Ordinal)
            .ToDictionary(
                g => g.Key,
                g => g.GroupBy(r => ExecutionJson.Status(r.Execution.Status)).ToDictionary(s => s.Key, s => s.Count()),
                StringComparer.Ordinal);
        return new JsonObject
        {
            ["items"] = new JsonArray([.. index.Machines.OrderBy(m => m.Name, StringComparer.Ordinal).Select(m => (JsonNode)new JsonObject
            {
                ["stateMachineArn"] = m.Arn,
                ["name"] = m.Name,
                ["type"] = m.Type,
                ["creationDate"] = ViewerJson.Time(m.CreationDate),
                ["executions"] = new JsonObject([.. counts.GetValueOrDefault(m.Arn, []).Select(c => KeyValuePair.Create(c.Key, (JsonNode?)c.Value))]),
            })]),
        };
    }

    public JsonObject Describe(string arn)
    {
        var machine = index.Machine(arn);
        return new JsonObject
        {
            ["stateMachineArn"] = machine.Arn,
            ["name"] = machine.Name,
            ["type"] = machine.Type,
            ["roleArn"] = machine.RoleArn,
            ["creationDate"] = ViewerJson.Time(machine.CreationDate),
            ["definition"] = machine.Definition,
        };
    }
}
