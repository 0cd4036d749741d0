namespace BatchKit.Emulator.Runtime;

/// <summary>A host directory seen by the workload at <paramref name="ContainerPath"/> (a Lambda's code at /var/task).</summary>
internal sealed record WorkloadMount(string HostPath, string ContainerPath, bool ReadOnly = true)
{
    /// <summary>The host path for a path inside this mount, or null when the path is outside it.</summary>
    public string? ToHostPath(string path)
    {
        if (path == ContainerPath)
        {
            return HostPath;
        }

        var prefix = ContainerPath.TrimEnd('/') + "/";
        return path.StartsWith(prefix, StringComparison.Ordinal) ? Path.Combine(HostPath, path[prefix.Length..]) : null;
    }
}
