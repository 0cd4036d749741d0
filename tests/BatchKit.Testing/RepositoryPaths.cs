namespace BatchKit.Testing;

/// <summary>
/// The checkout (the first directory above the test binaries that holds BatchKit.sln) and <c>../shared</c> beside it,
/// where CI puts the project's data: sample days, conformance corpora.
/// </summary>
public static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    /// <summary>../shared, or a clear failure when the checkout has none beside it.</summary>
    public static string Shared
    {
        get
        {
            var shared = Path.GetFullPath(Path.Combine(Root, "..", "shared"));
            return Directory.Exists(shared) ? shared : throw new DirectoryNotFoundException($"../shared is missing beside the checkout at {Root}");
        }
    }

    public static string SharedFile(params string[] parts) => Path.Combine([Shared, .. parts]);

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "BatchKit.sln")))
            {
                return directory.FullName;
            }
        }

        throw new DirectoryNotFoundException($"BatchKit.sln not found above {AppContext.BaseDirectory}");
    }
}
