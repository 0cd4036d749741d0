namespace BatchKit.EndToEnd.Tests.Backends;

/// <summary>What the end-to-end suite deploys the stack into (issue 13, item 4).</summary>
public enum EndToEndBackend
{
    /// <summary>The emulator in the test process; the worker and the Lambda run as child processes.</summary>
    Process,

    /// <summary>The batchkit/emulator image through BatchKit.Testcontainers; ECS tasks as batchkit/worker containers.</summary>
    Container,

    /// <summary>LocalStack through Testcontainers.LocalStack, with the image and auth token the environment gives.</summary>
    LocalStack,
}
