namespace BatchKit.Infrastructure.Tests;

/// <summary>The repository root: the first directory up from the test binaries that holds BatchKit.sln.</summary>
internal static class RepositoryRoot
{
    public static string Path { get; } = Find();

    private static string Find()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(directory.FullName, "BatchKit.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"no BatchKit.sln above {AppContext.BaseDirectory}");
    }
}
