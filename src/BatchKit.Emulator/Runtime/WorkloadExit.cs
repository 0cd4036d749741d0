namespace BatchKit.Emulator.Runtime;

/// <summary>
/// How a workload ended: its exit code when it ran (null when it never started or was lost), and why, in ECS's words
/// where ECS has them (OutOfMemoryError, CannotPullContainerError, CannotStartContainerError).
/// https://docs.aws.amazon.com/AmazonECS/latest/developerguide/stopped-task-error-codes.html
/// </summary>
internal sealed record WorkloadExit(int? ExitCode, string? Reason = null);
