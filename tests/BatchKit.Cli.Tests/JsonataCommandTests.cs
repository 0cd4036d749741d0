using System.Diagnostics;

namespace BatchKit.Cli.Tests;

/// <summary><c>batchkit jsonata</c>: the result as JSON on stdout, errors as <c>CODE: message</c> on stderr with exit 1.</summary>
public sealed class JsonataCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("batchkit-jsonata-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task Evaluates_an_expression_over_an_input_file_and_prints_JSON()
    {
        var input = Write("order.json", """{"Order": [{"Price": 10.5, "Quantity": 2}, {"Price": 0.1, "Quantity": 3}]}""");

        var run = await CliRun.InvokeAsync("jsonata", "$sum(Order.(Price * Quantity))", "--input", input);

        Assert.Equal(ExitCodes.Ok, run.ExitCode);
        Assert.Equal("21.3\n", run.Output.Replace("\r\n", "\n", StringComparison.Ordinal));
        Assert.Equal("", run.Error);
    }

    [Fact]
    public async Task Prints_numbers_and_objects_as_JavaScript_does()
    {
        var run = await CliRun.InvokeAsync("jsonata", "{'big': 1e21, 'sum': 0.1 + 0.2, 'small': 1.5e-7, 'text': '<é>'}");

        Assert.Equal(ExitCodes.Ok, run.ExitCode);
        Assert.Equal("""{"big":1e+21,"sum":0.30000000000000004,"small":1.5e-7,"text":"<é>"}""", run.Output.TrimEnd());
    }

    [Fact]
    public async Task An_undefined_result_prints_nothing_and_succeeds()
    {
        var input = Write("doc.json", """{"a": 1}""");

        var run = await CliRun.InvokeAsync("jsonata", "b", "--input", input);

        Assert.Equal(ExitCodes.Ok, run.ExitCode);
        Assert.Equal("", run.Output);
        Assert.Equal("", run.Error);
    }

    [Fact]
    public async Task A_repeated_key_reads_as_JSON_parse_reads_it_the_last_one_wins()
    {
        var input = Write("dup.json", """{"a": 1, "a": 2}""");

        var run = await CliRun.InvokeAsync("jsonata", "a", "--input", input);

        Assert.Equal(ExitCodes.Ok, run.ExitCode);
        Assert.Equal("2", run.Output.TrimEnd());
    }

    [Fact]
    public async Task Bindings_become_variables()
    {
        var run = await CliRun.InvokeAsync("jsonata", "$price * (1 + $rate)", "--bindings", """{"price": 100, "rate": 0.2}""");

        Assert.Equal(ExitCodes.Ok, run.ExitCode);
        Assert.Equal("120", run.Output.TrimEnd());
    }

    [Theory]
    [InlineData("1 + 'a'", "T2002: The right side of the \"+\" operator must evaluate to a number")]
    [InlineData("(1", "S0203: Expected \")\" before end of expression")]
    [InlineData("$error('stop')", "D3137: stop")]
    public async Task A_JSONata_error_prints_its_code_and_message_on_stderr_and_exits_1(string expression, string expected)
    {
        var run = await CliRun.InvokeAsync("jsonata", expression);

        Assert.Equal(ExitCodes.UserError, run.ExitCode);
        Assert.Equal(expected, run.Error.TrimEnd());
        Assert.Equal("", run.Output);
    }

    [Fact]
    public async Task Bad_input_names_the_problem()
    {
        var missing = Path.Combine(_dir, "missing.json");
        var notJson = Write("bad.json", "{bad");

        var noFile = await CliRun.InvokeAsync("jsonata", "a", "--input", missing);
        var badJson = await CliRun.InvokeAsync("jsonata", "a", "--input", notJson);
        var badBindings = await CliRun.InvokeAsync("jsonata", "a", "--bindings", "[1]");

        Assert.Equal(ExitCodes.UserError, noFile.ExitCode);
        Assert.StartsWith($"--input {missing}: ", noFile.Error, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.UserError, badJson.ExitCode);
        Assert.StartsWith($"--input {notJson}: not valid JSON", badJson.Error, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.UserError, badBindings.ExitCode);
        Assert.StartsWith("--bindings: must be a JSON object", badBindings.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reads_the_input_from_stdin_in_a_real_process()
    {
        var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "batchkit.dll"), "jsonata", "Phone[type='mobile'].number", "--input", "-"])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        using var process = Process.Start(start)!;
        try
        {
            await process.StandardInput.WriteAsync("""{"Phone": [{"type": "home", "number": "0203"}, {"type": "mobile", "number": "077"}]}""");
            process.StandardInput.Close();
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            await process.WaitForExitAsync(deadline.Token);

            Assert.True(process.ExitCode == ExitCodes.Ok, $"exit {process.ExitCode}\nstdout: {await output}\nstderr: {await error}");
            Assert.Equal("\"077\"", (await output).TrimEnd());
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill();
            }
        }
    }

    private string Write(string name, string content)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllText(path, content);
        return path;
    }
}
