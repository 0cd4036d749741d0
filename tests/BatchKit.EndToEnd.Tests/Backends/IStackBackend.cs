namespace BatchKit.EndToEnd.Tests.Backends;

/// <summary>An AWS endpoint the stack is deployed into for one test class: started, then disposed with everything it ran.</summary>
internal interface IStackBackend : IAsyncDisposable
{
    /// <summary>Starts it and answers its endpoint once it is ready for the deploy.</summary>
    Task<Uri> StartAsync(StackBackendSettings settings, CancellationToken cancellationToken);

    /// <summary>The directory deployed as the functions' code, given the launcher of the bootstrap this test project built.</summary>
    string LambdaAssetDirectory(string testLauncher);
}
