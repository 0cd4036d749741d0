using System.Reflection;

namespace BatchKit.Examples.Tests;

/// <summary>Where each example's bootstrap was built (this project's build names the folders, for its configuration).</summary>
internal static class ExampleBuilds
{
    public static string PayrollFunctions => Directory("PayrollFunctions");

    private static string Directory(string name)
    {
        var path = typeof(ExampleBuilds).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == name).Value
            ?? throw new InvalidOperationException($"no build folder recorded for {name}");
        var full = Path.GetFullPath(path.Replace('\\', Path.DirectorySeparatorChar));
        return File.Exists(Path.Combine(full, "bootstrap")) ? full : throw new FileNotFoundException($"{full} has no bootstrap: build this test project first");
    }
}
