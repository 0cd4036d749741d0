namespace BatchKit.Infrastructure.Tests;

/// <summary>Holds every src/**/*.cs to STYLE's 160-character line limit (see <see cref="LongLineRule"/> for the two exceptions).</summary>
public sealed class SourceLineLengthTests
{
    [Fact]
    public void No_source_line_is_over_160_characters()
    {
        var offenders = new List<string>();
        foreach (var file in SourceFiles())
        {
            var lines = File.ReadAllLines(Path.Combine(RepositoryPaths.Root, file));
            for (var i = 0; i < lines.Length; i++)
            {
                if (LongLineRule.IsTooLong(lines[i]))
                {
                    offenders.Add($"{file}:{i + 1} ({lines[i].Length} characters)");
                }
            }
        }

        Assert.True(offenders.Count == 0, $"{offenders.Count} lines over {LongLineRule.MaxLength} characters:\n{string.Join('\n', offenders)}");
    }

    [Fact]
    public void The_scan_reads_the_sources_it_is_meant_to()
    {
        var files = SourceFiles().ToList();

        Assert.Contains("src/BatchKit.Aws/SigV4Signer.cs", files);
        Assert.Contains("src/BatchKit.Emulator/Services/StepFunctions/StepFunctionsProvider.cs", files);
        Assert.DoesNotContain(files, f => f.Contains("/obj/", StringComparison.Ordinal) || f.Contains("/bin/", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("        var x = 1;", false)]
    [InlineData("            throw new ArgumentException($\"the value {value} is not one of {string.Join(\", \", allowed)}\");", false)]
    [InlineData("            $\"the value {value} is not one of {string.Join(\", \", allowed)}\", nameof(value));", false)]
    [InlineData("            $\"the value {value} is not one of {string.Join(\", \", allowed)}\");", true)]
    [InlineData("            + \"a plain continuation \\\" with an escaped quote\",", true)]
    [InlineData("            \"a literal\" + SomeCall(argument)", false)]
    [InlineData("    /// https://docs.aws.amazon.com/step-functions/latest/dg/concepts-asl.html", true)]
    [InlineData("    /// see https://docs.aws.amazon.com/step-functions/latest/dg/concepts-asl.html", false)]
    public void Only_a_lone_literal_or_a_lone_url_may_run_long(string line, bool exempt)
    {
        var longLine = Lengthen(line);

        Assert.True(longLine.Length > LongLineRule.MaxLength);
        Assert.Equal(!exempt, LongLineRule.IsTooLong(longLine));
    }

    /// <summary>Makes the sample over the limit without changing its shape: the padding goes inside its first literal or URL.</summary>
    private static string Lengthen(string line)
    {
        var padding = new string('x', LongLineRule.MaxLength);
        var url = line.IndexOf("https://", StringComparison.Ordinal);
        if (url >= 0)
        {
            return line.Insert(url + "https://".Length, padding);
        }

        var quote = line.IndexOf('"', StringComparison.Ordinal);
        return quote >= 0 ? line.Insert(quote + 1, padding) : line + " // " + padding;
    }

    private static IEnumerable<string> SourceFiles() =>
        Directory.EnumerateFiles(Path.Combine(RepositoryPaths.Root, "src"), "*.cs", SearchOption.AllDirectories)
            .Select(path => Path.GetRelativePath(RepositoryPaths.Root, path).Replace('\\', '/'))
            .Where(file => !file.Contains("/obj/", StringComparison.Ordinal) && !file.Contains("/bin/", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal);
}
