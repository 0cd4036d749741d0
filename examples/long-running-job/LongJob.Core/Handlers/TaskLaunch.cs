namespace LongJob.Handlers;

/// <summary>
/// Where the submit function starts the archive task: the cluster, the task definition and, on AWS, the subnets a
/// Fargate task needs (awsvpc); locally there are none and the task runs as a child process of the emulator.
/// </summary>
public sealed record TaskLaunch(string Cluster, string TaskDefinition, IReadOnlyList<string> Subnets);
