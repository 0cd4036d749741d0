namespace BatchKit.Emulator.Runtime;

/// <summary>A workload that could not start; <see cref="Reason"/> is ECS's stoppedReason for it.</summary>
internal sealed class WorkloadStartException(string reason, Exception? inner = null) : Exception(reason, inner)
{
    public string Reason => Message;
}
