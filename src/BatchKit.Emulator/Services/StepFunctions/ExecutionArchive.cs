using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using BatchKit.Emulator.Storage;
using BatchKit.StatesLanguage.Executions;

namespace BatchKit.Emulator.Services.StepFunctions;

/// <summary>
/// Every execution in the data directory, one file each (<c>stepfunctions-executions/</c>) with its status, history
/// and Map Runs (their child executions included): written when StartExecution accepts it (before the answer), every
/// <see cref="CheckpointInterval"/> while its history grows, and when it ends. At start the kept executions are made
/// again; one that was running when the emulator stopped cannot resume (its tasks, timers and task tokens lived in the
/// stopped process), so it fails with <c>States.Runtime</c> and a cause naming the state it was in. Once written, finished
/// histories leave memory (<see cref="ReleasedHistories"/>): a Map Run child's at the first checkpoint after it ends, an
/// execution's (and its children's) when it ends, and a restored one's at start.
/// </summary>
internal sealed class ExecutionArchive : IAsyncDisposable
{
    public static readonly TimeSpan CheckpointInterval = TimeSpan.FromSeconds(2);
    private static readonly JsonTypeInfo<ExecutionSnapshot> WriteJson = (JsonTypeInfo<ExecutionSnapshot>)
        new JsonSerializerOptions(JsonSerializerDefaults.General) { TypeInfoResolver = ExecutionJson.Default, Converters = { new FlushingChildrenConverter() } }
            .GetTypeInfo(typeof(ExecutionSnapshot));
    private readonly RecordFolder? _folder;
    private readonly ReleasedHistories? _histories;
    private readonly TimeProvider _time;
    private readonly Dictionary<string, (ExecutionRecord Record, int SavedEvents)> _running = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _checkpoints;

    public ExecutionArchive(DataDirectory data, TimeProvider time)
    {
        _time = time;
        _folder = data.Durable ? new RecordFolder(data, "stepfunctions-executions") : null;
        _histories = _folder is null ? null : new ReleasedHistories(_folder, new RecordFolder(data, "stepfunctions-histories"));
        _checkpoints = _folder is null ? Task.CompletedTask : CheckpointAsync();
    }

    /// <summary>Writes a new execution and keeps writing it until it ends.</summary>
    public void Track(ExecutionRecord record)
    {
        if (_folder is null)
        {
            return;
        }

        var arn = record.Execution.Identity.ExecutionArn;
        lock (_running)
        {
            _running[arn] = (record, Save(record));
        }

        _ = record.Execution.Completion.ContinueWith(_ =>
        {
            lock (_running)
            {
                _running.Remove(arn);
                Save(record);
                _histories!.ReleaseExecution(record.Execution);
            }
        }, CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
    }

    /// <summary>The executions kept in the data directory; those interrupted are failed and written again.</summary>
    public List<ExecutionRecord> Restore()
    {
        var restored = new List<ExecutionRecord>();
        _folder?.Load("execution", (_, value) =>
        {
            var machineArn = value["stateMachineArn"]?.GetValue<string>() ?? throw new InvalidDataException("no stateMachineArn");
            var snapshot = value["execution"]?.Deserialize(ExecutionJson.Default.ExecutionSnapshot) ?? throw new InvalidDataException("no execution");
            var execution = Execution.Restore(snapshot, _time, InterruptedCause(snapshot), _histories!.ReadChild);
            var record = new ExecutionRecord(machineArn, execution, null,
                value["stateMachineVersionArn"]?.GetValue<string>(), value["stateMachineAliasArn"]?.GetValue<string>());
            if (snapshot.Status == ExecutionStatus.Running)
            {
                Save(record);
            }

            _histories.ReleaseExecution(execution);
            restored.Add(record);
        });
        return restored;
    }

    private static string InterruptedCause(ExecutionSnapshot snapshot)
    {
        var state = snapshot.History.LastOrDefault(e => e.Type.EndsWith("StateEntered", StringComparison.Ordinal))?.Details?["name"]?.GetValue<string>();
        return "The BatchKit emulator restarted while the execution was running" + (state is null ? "" : $" (in state '{state}')")
            + "; executions do not resume after a restart, because their tasks, timers and task tokens ended with the stopped process. Start it again.";
    }

    /// <summary>Writes the execution's file: its own history always in it, a released child's left to its own file.</summary>
    private int Save(ExecutionRecord record)
    {
        var snapshot = record.Execution.Snapshot();
        if (snapshot.ReleasedEvents is not null)
        {
            snapshot = snapshot with { History = record.Execution.GetHistory(), ReleasedEvents = null };
        }

        _folder!.Write(snapshot.Identity.ExecutionArn, writer =>
        {
            writer.WriteStartObject();
            writer.WriteString("stateMachineArn", record.StateMachineArn);
            writer.WriteString("stateMachineVersionArn", record.VersionArn);
            writer.WriteString("stateMachineAliasArn", record.AliasArn);
            writer.WritePropertyName("execution");
            JsonSerializer.Serialize(writer, snapshot, WriteJson);
            writer.WriteEndObject();
        });
        return snapshot.History.Count + snapshot.MapRuns.Sum(m => m.Children.Sum(c => c.ReleasedEvents ?? c.History.Count));
    }

    private async Task CheckpointAsync()
    {
        using var timer = new PeriodicTimer(CheckpointInterval, _time);
        try
        {
            while (await timer.WaitForNextTickAsync(_stop.Token).ConfigureAwait(false))
            {
                lock (_running)
                {
                    foreach (var (arn, (record, saved)) in _running.ToList())
                    {
                        _histories!.ReleaseChildren(record.Execution);
                        if (EventCount(record) != saved)
                        {
                            _running[arn] = (record, Save(record));
                        }
                    }
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private static int EventCount(ExecutionRecord record) =>
        record.Execution.HistoryCount + record.Execution.MapRuns.Sum(m => m.Children.Sum(c => c.HistoryCount));

    /// <summary>At shutdown every running execution is written as it stands (a restart then fails it with its last state).</summary>
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        await _checkpoints.ConfigureAwait(false);
        lock (_running)
        {
            foreach (var (record, _) in _running.Values)
            {
                Save(record);
            }
        }

        _stop.Dispose();
    }
}
