using System.Collections.Concurrent;
using BatchKit.Aws;
using BatchKit.Aws.StepFunctions;

namespace BatchKit.Worker.Tests;

/// <summary>Records the worker's answers to its task token (unit tests of the worker's logic).</summary>
internal sealed class RecordingStepFunctions : IStepFunctionsClient
{
    public ConcurrentQueue<string> Successes { get; } = new();

    public ConcurrentQueue<(string Error, string Cause)> Failures { get; } = new();

    public int Heartbeats;

    public string? HeartbeatError { get; init; }

    public Task SendTaskSuccessAsync(string taskToken, string output, CancellationToken cancellationToken = default)
    {
        Successes.Enqueue(output);
        return Task.CompletedTask;
    }

    public Task SendTaskFailureAsync(string taskToken, string error, string cause, CancellationToken cancellationToken = default)
    {
        Failures.Enqueue((error, cause));
        return Task.CompletedTask;
    }

    public Task SendTaskHeartbeatAsync(string taskToken, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref Heartbeats);
        return HeartbeatError is null ? Task.CompletedTask : throw new AwsServiceException(HeartbeatError, "from test", System.Net.HttpStatusCode.BadRequest, null);
    }

    public Task<StartExecutionResponse> StartExecutionAsync(string stateMachineArn, string? name, string input, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<DescribeExecutionResponse> DescribeExecutionAsync(string executionArn, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<ListExecutionsResponse> ListExecutionsAsync(string stateMachineArn, string? statusFilter = null, string? nextToken = null, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<GetExecutionHistoryResponse> GetExecutionHistoryAsync(string executionArn, string? nextToken = null, int maxResults = 1000, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<CreateStateMachineResponse> CreateStateMachineAsync(string name, string definition, string roleArn, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task UpdateStateMachineAsync(string stateMachineArn, string definition, string? roleArn = null, CancellationToken cancellationToken = default) => throw new NotSupportedException();
}
