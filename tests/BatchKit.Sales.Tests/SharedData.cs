namespace BatchKit.Sales.Tests;

/// <summary>Finds ../shared (the project's data, beside the checkout) from the test's output folder.</summary>
internal static class SharedData
{
    public static string OnlineRetail(string file) => Path.Combine(Root(), "data", "online-retail", file);

    private static string Root()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "BatchKit.sln")))
            {
                var shared = Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared"));
                return Directory.Exists(shared)
                    ? shared
                    : throw new DirectoryNotFoundException($"../shared is missing beside the checkout at {dir.FullName}");
            }
        }

        throw new DirectoryNotFoundException("BatchKit.sln not found above " + AppContext.BaseDirectory);
    }
}
