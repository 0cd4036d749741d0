using System.Diagnostics;

namespace BatchKit.Emulator.Tests;

/// <summary>Runs the installed AWS CLI (`aws`) against the emulator as a real child process, with dummy credentials.</summary>
internal static class AwsCli
{
    public static Task<(int ExitCode, string Output, string Error)> RunAsync(Uri endpoint, params string[] args) =>
        RunWithAsync(endpoint, new Dictionary<string, string>(), args);

    /// <summary>As <see cref="RunAsync"/>, with environment variables set on top (other credentials, a region).</summary>
    public static async Task<(int ExitCode, string Output, string Error)> RunWithAsync(Uri endpoint, IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        var start = new ProcessStartInfo("aws") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add("--endpoint-url");
        start.ArgumentList.Add(endpoint.ToString().TrimEnd('/'));
        start.ArgumentList.Add("--output");
        start.ArgumentList.Add("json");
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["AWS_ACCESS_KEY_ID"] = "test";
        start.Environment["AWS_SECRET_ACCESS_KEY"] = "test";
        start.Environment["AWS_DEFAULT_REGION"] = "us-east-1";
        start.Environment["AWS_CONFIG_FILE"] = "/dev/null";
        start.Environment["AWS_SHARED_CREDENTIALS_FILE"] = "/dev/null";
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("could not start the AWS CLI ('aws' on PATH)");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"aws {string.Join(' ', args)} did not finish in 2 minutes");
        }

        return (process.ExitCode, await output, await error);
    }
}
