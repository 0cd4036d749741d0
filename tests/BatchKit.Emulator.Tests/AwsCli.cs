using System.Diagnostics;

namespace BatchKit.Emulator.Tests;

/// <summary>Runs the installed AWS CLI (`aws`) against the emulator as a real child process, with dummy credentials.</summary>
internal static class AwsCli
{
    public static Task<(int ExitCode, string Output, string Error)> RunAsync(Uri endpoint, params string[] args) =>
        RunAsync(endpoint, new Dictionary<string, string>(), args);

    /// <summary>Runs the CLI with the secret access key <paramref name="secret"/> (the access key id is always "test").</summary>
    public static Task<(int ExitCode, string Output, string Error)> RunAsync(Uri endpoint, string[] args, string secret) =>
        RunAsync(endpoint, new Dictionary<string, string> { ["AWS_SECRET_ACCESS_KEY"] = secret }, args);

    /// <param name="environment">More variables for the CLI, e.g. AWS_DISABLE_HOST_PREFIX_INJECTION or another secret.</param>
    public static async Task<(int ExitCode, string Output, string Error)> RunAsync(
        Uri endpoint, IReadOnlyDictionary<string, string> environment, params string[] args)
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
        start.Environment["AWS_MAX_ATTEMPTS"] = "1";
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
