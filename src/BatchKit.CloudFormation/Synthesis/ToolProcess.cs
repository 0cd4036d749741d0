using System.Diagnostics;
using System.Text;
using BatchKit.CloudFormation.Template;

namespace BatchKit.CloudFormation.Synthesis;

/// <summary>
/// Runs a tool (npm, the CDK CLI) to its end within a deadline; a failure explains itself with the exit code and the
/// output's last lines, and a tool that outlives its deadline is killed, with its children, by its own pid.
/// </summary>
internal static class ToolProcess
{
    private const int TailLines = 30;

    public static async Task RunAsync(string fileName, IReadOnlyList<string> arguments, string workingDirectory,
        IReadOnlyDictionary<string, string> environment, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = workingDirectory, UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        var output = new StringBuilder();
        using var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => Append(output, e.Data);
        process.ErrorDataReceived += (_, e) => Append(output, e.Data);
        try
        {
            process.Start();
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new TemplateException($"cannot run {fileName}: {e.Message}", e);
        }

        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            await process.WaitForExitAsync(deadline.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
            cancellationToken.ThrowIfCancellationRequested();
            throw new TemplateException(
                $"{Command(fileName, arguments)} did not finish within {timeout.TotalMinutes:0} min and was stopped; its last output:\n{Tail(output)}");
        }

        if (process.ExitCode != 0)
        {
            throw new TemplateException($"{Command(fileName, arguments)} exited with code {process.ExitCode}; its last output:\n{Tail(output)}");
        }
    }

    private static void Append(StringBuilder output, string? line)
    {
        if (line is not null)
        {
            lock (output)
            {
                output.AppendLine(line);
            }
        }
    }

    private static string Tail(StringBuilder output)
    {
        lock (output)
        {
            return string.Join('\n', output.ToString().Split('\n').Where(l => !l.Contains("!!", StringComparison.Ordinal)).TakeLast(TailLines));
        }
    }

    private static string Command(string fileName, IReadOnlyList<string> arguments) => $"{Path.GetFileName(fileName)} {string.Join(' ', arguments.Take(2))}";
}
