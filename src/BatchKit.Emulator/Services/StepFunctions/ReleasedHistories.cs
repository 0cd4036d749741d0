using System.Text.Json;
using System.Text.Json.Nodes;
using BatchKit.Emulator.Storage;
using BatchKit.StatesLanguage.Executions;

namespace BatchKit.Emulator.Services.StepFunctions;

/// <summary>
/// Where finished histories go so that they leave memory (issue 17): a finished execution's history is read back from its
/// execution file, a finished Map Run child's from its own file under <c>stepfunctions-histories/</c> (written when it
/// ends, so the parent's checkpoints no longer carry every child's events). A read (GetExecutionHistory, the viewer, a
/// redrive) loads the events again; what stays in memory is the execution's summary (status, dates, input, output).
/// </summary>
internal sealed class ReleasedHistories(RecordFolder executions, RecordFolder children)
{
    /// <summary>A top-level execution whose file (with its history) is written: its history and its children's leave memory.</summary>
    public void ReleaseExecution(Execution execution)
    {
        ReleaseChildren(execution);
        var arn = execution.Identity.ExecutionArn;
        execution.ReleaseHistory(() => ReadExecution(arn));
    }

    /// <summary>Every finished Map Run child of <paramref name="parent"/> not yet released is written to its file and released.</summary>
    public void ReleaseChildren(Execution parent)
    {
        foreach (var run in parent.MapRuns)
        {
            foreach (var child in run.Children)
            {
                if (child.Status != ExecutionStatus.Running && !child.HistoryReleased)
                {
                    ReleaseChild(child);
                }
            }
        }
    }

    /// <summary>The history of a released Map Run child, as <see cref="Execution.Restore"/> asks for it.</summary>
    public IReadOnlyList<HistoryEvent> ReadChild(ExecutionIdentity identity) => ReadChild(identity.ExecutionArn);

    private void ReleaseChild(Execution child)
    {
        var arn = child.Identity.ExecutionArn;
        var history = child.GetHistory();
        children.Write(arn, writer =>
        {
            writer.WriteStartObject();
            writer.WritePropertyName("history");
            JsonSerializer.Serialize(writer, history, ExecutionJson.Default.IReadOnlyListHistoryEvent);
            writer.WriteEndObject();
        });
        child.ReleaseHistory(() => ReadChild(arn));
    }

    private List<HistoryEvent> ReadChild(string arn) =>
        Events(children.Read(arn)?["history"], arn, "stepfunctions-histories");

    private List<HistoryEvent> ReadExecution(string arn) =>
        Events(executions.Read(arn)?["execution"]?["History"], arn, "stepfunctions-executions");

    private static List<HistoryEvent> Events(JsonNode? history, string arn, string folder) =>
        history?.Deserialize(ExecutionJson.Default.ListHistoryEvent)
            ?? throw new InvalidDataException(
                $"the history of {arn} is not in the data directory ({folder}/); it was released from memory after it was written");
}
