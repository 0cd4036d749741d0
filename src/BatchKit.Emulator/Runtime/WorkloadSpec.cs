namespace BatchKit.Emulator.Runtime;

/// <summary>
/// What to run for an ECS task's container or a Lambda execution environment, in the terms of a container: an image,
/// its entry point and command, environment, user, limits and mounts. Each launcher turns it into what it runs (a
/// container of that image, or a local process standing in for it).
/// </summary>
internal sealed record WorkloadSpec
{
    /// <summary>A readable, unique name (the ECS task id, or the function name and environment number).</summary>
    public required string Name { get; init; }

    /// <summary>The container image (ECS: the task definition's <c>image</c>; Lambda: the emulator's base for provided.*).</summary>
    public required string Image { get; init; }

    /// <summary>Replaces the image's ENTRYPOINT when not empty (ContainerDefinition.entryPoint).</summary>
    public IReadOnlyList<string> EntryPoint { get; init; } = [];

    /// <summary>Replaces the image's CMD when not empty (ContainerDefinition.command, or the RunTask override).</summary>
    public IReadOnlyList<string> Command { get; init; } = [];

    /// <summary>The whole environment the workload sees (AWS's variables first, the definition's own on top).</summary>
    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();

    public string? WorkingDirectory { get; init; }

    /// <summary>ContainerDefinition.user ("uid", "uid:gid" or a name); null keeps the image's.</summary>
    public string? User { get; init; }

    /// <summary>CPU units, 1,024 to a vCPU, as ECS counts them; null for no limit.</summary>
    public int? CpuUnits { get; init; }

    /// <summary>The hard memory limit in MiB; a container over it is killed (OutOfMemoryError), as on ECS.</summary>
    public int? MemoryMiB { get; init; }

    public IReadOnlyList<WorkloadMount> Mounts { get; init; } = [];

    /// <summary>Receives every line the workload writes to stdout or stderr.</summary>
    public required Action<string> Output { get; init; }
}
