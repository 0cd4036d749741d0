using System.Security.Cryptography;
using BatchKit.Sales;

namespace BatchKit.Cli.Tests;

public sealed class GenerateCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("batchkit-cli-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task Generate_twice_with_one_seed_gives_identical_bytes()
    {
        var a = await CliRun.InvokeAsync("generate", "--stores", "4", "--rows", "100-300", "--seed", "9", "--date", "2026-11-22", "--out", Path.Combine(_dir, "a", "2026-11-22.zip"));
        var b = await CliRun.InvokeAsync("generate", "--stores", "4", "--rows", "100-300", "--seed", "9", "--date", "2026-11-22", "--out", Path.Combine(_dir, "b", "2026-11-22.zip"));

        Assert.Equal(ExitCodes.Ok, a.ExitCode);
        Assert.Equal(ExitCodes.Ok, b.ExitCode);
        Assert.Equal(Sha256("a/2026-11-22.zip"), Sha256("b/2026-11-22.zip"));
        Assert.Equal(Sha256("a/2026-11-22.expected.json"), Sha256("b/2026-11-22.expected.json"));
    }

    [Fact]
    public async Task Generate_prints_progress_and_a_summary_that_matches_the_expected_file()
    {
        var run = await CliRun.InvokeAsync("generate", "--stores", "10", "--rows", "50", "--out", Path.Combine(_dir, "day.zip"));

        Assert.Equal(ExitCodes.Ok, run.ExitCode);
        var expected = DayTotals.Read(Path.Combine(_dir, "day.expected.json"));
        Assert.Equal(500, expected.Rows);
        Assert.Contains("generated 10/10 stores, 500 rows", run.Output, StringComparison.Ordinal);
        Assert.Contains(Money.ToText(expected.Total), run.Output, StringComparison.Ordinal);
        Assert.Contains("day.expected.json", run.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--rows", "5-x", "--rows: '5-x' is neither a number of rows nor a range")]
    [InlineData("--rows", "9-3", "--rows: range 9-3 is empty")]
    [InlineData("--date", "22/11/2026", "--date: '22/11/2026' is not a date in the form YYYY-MM-DD")]
    [InlineData("--return-rate", "1.5", "--return-rate: must be between 0 and 1")]
    [InlineData("--bad-rows", "Gibberish", "--bad-rows: unknown kind 'Gibberish'")]
    public async Task A_bad_option_value_exits_1_naming_the_option(string option, string value, string message)
    {
        var run = await CliRun.InvokeAsync("generate", "--out", Path.Combine(_dir, "x.zip"), option, value);

        Assert.Equal(ExitCodes.UserError, run.ExitCode);
        Assert.Contains(message, run.Output.ReplaceLineEndings(" ").Replace("  ", " ", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_dir, "x.zip")), "nothing is written when an option is refused");
    }

    [Fact]
    public async Task A_value_of_the_wrong_type_is_a_parse_error_with_exit_1()
    {
        var run = await CliRun.InvokeAsync("generate", "--stores", "abc", "--out", Path.Combine(_dir, "x.zip"));

        Assert.Equal(ExitCodes.UserError, run.ExitCode);
        Assert.Contains("'abc'", run.Error, StringComparison.Ordinal);
        Assert.Contains("--stores", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Help_lists_the_commands_and_options()
    {
        var root = await CliRun.InvokeAsync("--help");
        var generate = await CliRun.InvokeAsync("generate", "--help");

        Assert.Equal(0, root.ExitCode);
        Assert.Contains("generate", root.Output, StringComparison.Ordinal);
        foreach (var option in new[] { "--stores", "--rows", "--date", "--seed", "--out", "--return-rate", "--bad-rows", "--bad-row-rate" })
        {
            Assert.Contains(option, generate.Output, StringComparison.Ordinal);
        }
    }

    private string Sha256(string relative) => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(Path.Combine(_dir, relative))));
}
