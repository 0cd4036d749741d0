namespace BatchKit.Emulator.Tests;

/// <summary>docs/coverage.md matches what the code implements against botocore's models.</summary>
public sealed class CoverageTableTests
{
    [Fact]
    public void The_coverage_table_in_the_docs_matches_the_code()
    {
        var path = Path.Combine(RepositoryPaths.Root, "docs", "coverage.md");
        var generated = CoverageTable.Generate();
        if (Environment.GetEnvironmentVariable("BATCHKIT_WRITE_COVERAGE") == "1")
        {
            File.WriteAllText(path, generated);
        }

        Assert.True(File.Exists(path), $"{path} is missing; write it with BATCHKIT_WRITE_COVERAGE=1");
        Assert.True(File.ReadAllText(path) == generated,
            $"docs/coverage.md is out of date with the providers; regenerate it with BATCHKIT_WRITE_COVERAGE=1 (generated:\n{generated})");
    }
}
