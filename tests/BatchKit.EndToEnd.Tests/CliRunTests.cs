using BatchKit.Cli;
using Spectre.Console;

namespace BatchKit.EndToEnd.Tests;

/// <summary>`batchkit run --file day01.zip` against the deployed stack: upload, follow, summary, expected check.</summary>
public sealed class CliRunTests(PipelineStack stack) : IClassFixture<PipelineStack>
{
    [Fact]
    public async Task Batchkit_run_follows_day01_to_its_summary_and_checks_the_expected_totals()
    {
        var output = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No, ColorSystem = ColorSystemSupport.NoColors, Interactive = InteractionSupport.No, Out = new AnsiConsoleOutput(output),
        });
        console.Profile.Width = 400; // no wrapping of long lines in what the assertions read

        // Its own day name, so it never collides with the other tests' day01 on a shared endpoint.
        var directory = Directory.CreateTempSubdirectory("batchkit-cli-run-").FullName;
        var zip = Path.Combine(directory, "day01-cli.zip");
        File.Copy(PipelineStack.Shared("data", "online-retail", "day01.zip"), zip);
        File.Copy(PipelineStack.Shared("data", "online-retail", "day01.expected.json"), Path.Combine(directory, "day01-cli.expected.json"));

        int exit;
        try
        {
            exit = await BatchKitCommandLine.InvokeAsync(
                ["run", "--file", zip, "--endpoint", stack.Endpoint.ToString(), "--outputs", stack.OutputsFile, "--slack-url", stack.Slack.BaseUrl.ToString()],
                console, output, output, CancellationToken.None);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }

        var text = output.ToString();
        Assert.True(exit == 0, text);
        Assert.Contains("progress: 10/10 stores done, 0 failed", text, StringComparison.Ordinal);
        Assert.Contains("store_1003: 70 rows, $1799.72", text, StringComparison.Ordinal);
        Assert.Contains("$58635.56", text, StringComparison.Ordinal);
        Assert.Contains("the report matches day01-cli.expected.json exactly ($58635.56)", text, StringComparison.Ordinal);
        Assert.Contains("BatchKit: sales for day01-cli: 10 of 10 stores, 3108 rows, total $58635.56", text, StringComparison.Ordinal);
    }
}
