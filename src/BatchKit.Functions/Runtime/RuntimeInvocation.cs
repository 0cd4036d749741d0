namespace BatchKit.Functions.Runtime;

/// <summary>One event from <c>/runtime/invocation/next</c>: its request id, deadline and payload.</summary>
internal sealed record RuntimeInvocation(string RequestId, DateTimeOffset Deadline, string FunctionArn, byte[] Payload);
