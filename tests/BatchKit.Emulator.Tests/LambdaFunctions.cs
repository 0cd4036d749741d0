namespace BatchKit.Emulator.Tests;

/// <summary>The test runtime (LambdaRuntime/bootstrap, a Python Runtime API client) in a directory of its own.</summary>
internal static class LambdaFunctions
{
    /// <summary>A fresh code directory holding an executable copy of the test bootstrap.</summary>
    public static string CodeDirectory()
    {
        var directory = Directory.CreateTempSubdirectory("batchkit-lambda-code-").FullName;
        var bootstrap = Path.Combine(directory, "bootstrap");
        File.Copy(Path.Combine(AppContext.BaseDirectory, "LambdaRuntime", "bootstrap"), bootstrap);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(bootstrap, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        return directory;
    }

    /// <summary>Polls until <paramref name="condition"/> holds, failing with <paramref name="what"/> after 20 s.</summary>
    public static async Task WaitUntilAsync(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("timed out waiting for " + what);
            }

            await Task.Delay(50);
        }
    }
}
