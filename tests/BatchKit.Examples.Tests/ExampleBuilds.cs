using System.Reflection;

namespace BatchKit.Examples.Tests;

/// <summary>Where each example's bootstrap was built (this project's build names the folders, for its configuration).</summary>
internal static class ExampleBuilds
{
    public static string PayrollFunctions => Directory("PayrollFunctions");

    public static string ScheduledValidationFunctions => Directory("ScheduledValidationFunctions");

    /// <summary>The built validation worker program (its apphost), which the emulator runs for the worker image.</summary>
    public static string ScheduledValidationWorker => Program("ScheduledValidationWorker", "validation-worker");

    private static string Program(string name, string program)
    {
        var path = Path.Combine(Folder(name), program);
        return File.Exists(path) ? path : throw new FileNotFoundException($"{path} does not exist: build this test project first");
    }

    private static string Directory(string name)
    {
        var full = Folder(name);
        return File.Exists(Path.Combine(full, "bootstrap")) ? full : throw new FileNotFoundException($"{full} has no bootstrap: build this test project first");
    }

    private static string Folder(string name)
    {
        var path = typeof(ExampleBuilds).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == name).Value
            ?? throw new InvalidOperationException($"no build folder recorded for {name}");
        return Path.GetFullPath(path.Replace('\\', Path.DirectorySeparatorChar));
    }
}
