using System.Reflection;

namespace BatchKit.Examples.Tests;

/// <summary>Where each example's bootstrap was built (this project's build names the folders, for its configuration).</summary>
internal static class ExampleBuilds
{
    public static string PayrollFunctions => Directory("PayrollFunctions");

    public static string LongJobFunctions => Directory("LongJobFunctions");

    public static string ChunkedCsvFunctions => Directory("ChunkedCsvFunctions");

    public static string LongJobWorker => Path.GetDirectoryName(File("LongJobWorker", "long-job-worker.dll"))!;

    public static string ScheduledValidationFunctions => Directory("ScheduledValidationFunctions");

    /// <summary>The built validation worker program (its apphost), which the emulator runs for the worker image.</summary>
    public static string ScheduledValidationWorker => File("ScheduledValidationWorker", "validation-worker");

    private static string Directory(string name) => Path.GetDirectoryName(File(name, "bootstrap"))!;

    private static string File(string name, string required)
    {
        var path = typeof(ExampleBuilds).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == name).Value
            ?? throw new InvalidOperationException($"no build folder recorded for {name}");
        var full = Path.GetFullPath(path.Replace('\\', Path.DirectorySeparatorChar));
        var file = Path.Combine(full, required);
        return System.IO.File.Exists(file) ? file : throw new FileNotFoundException($"{full} has no {required}: build this test project first");
    }
}
