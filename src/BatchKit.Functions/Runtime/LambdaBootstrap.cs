namespace BatchKit.Functions.Runtime;

/// <summary>
/// A custom runtime's <c>main</c>, once for every bootstrap (the sales pipeline's and the examples'): check that Lambda
/// started it (before any AWS client is made, so outside Lambda the message says what is wrong), build the handler the
/// function's Handler setting (<c>_HANDLER</c>) names — an unknown one is an init error Lambda reports — and run the
/// invocation loop until SIGTERM ends the environment.
/// https://docs.aws.amazon.com/lambda/latest/dg/runtimes-custom.html
/// </summary>
internal static class LambdaBootstrap
{
    /// <summary>The exit code of a bootstrap started outside Lambda.</summary>
    public const int NotInLambda = 2;

    /// <summary>The Runtime API's host and port, or null (and a message on stderr) when Lambda did not start this process.</summary>
    public static string? RuntimeApi()
    {
        var runtimeApi = Environment.GetEnvironmentVariable("AWS_LAMBDA_RUNTIME_API");
        if (string.IsNullOrEmpty(runtimeApi))
        {
            Console.Error.WriteLine(
                "bootstrap: AWS_LAMBDA_RUNTIME_API is not set: this is a Lambda custom runtime, started by Lambda (or BatchKit's emulator).");
            return null;
        }

        return runtimeApi;
    }

    /// <summary>Returns the process exit code: 0 after a clean shutdown, 1 after an init error.</summary>
    public static async Task<int> RunAsync(
        string runtimeApi, Func<string, ILambdaHandler> createHandler, string defaultHandler, IReadOnlyList<string> handlerNames)
    {
        ArgumentNullException.ThrowIfNull(createHandler);
        ArgumentNullException.ThrowIfNull(handlerNames);
        using var runtime = new LambdaRuntimeClient(runtimeApi);
        using var stop = new CancellationTokenSource();
        using var sigterm = System.Runtime.InteropServices.PosixSignalRegistration.Create(System.Runtime.InteropServices.PosixSignal.SIGTERM, context =>
        {
            context.Cancel = true;
            stop.Cancel();
        });

        var handlerName = Environment.GetEnvironmentVariable("_HANDLER") is { Length: > 0 } h ? h : defaultHandler;
        ILambdaHandler handler;
        try
        {
            handler = handlerNames.Contains(handlerName, StringComparer.Ordinal)
                ? createHandler(handlerName)
                : throw new HandlerException(
                    "Runtime.HandlerNotFound", $"Handler '{handlerName}' is not one of: {string.Join(", ", handlerNames)} (set the function's Handler).");
        }
        catch (HandlerException e)
        {
            await Console.Error.WriteLineAsync($"bootstrap: {e.ErrorType}: {e.Message}").ConfigureAwait(false);
            await runtime.InitErrorAsync(e.ErrorType, e.Message, stop.Token).ConfigureAwait(false);
            return 1;
        }

        try
        {
            await new LambdaRuntimeLoop(runtime, handler, Console.Out).RunAsync(stop.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // Lambda (or the emulator) is shutting the environment down.
        }

        return 0;
    }
}
