namespace BatchKit.Aws.StepFunctions;

/// <summary>
/// The Step Functions operations BatchKit calls, named after the AWS operations so swapping in AWSSDK.StepFunctions
/// later is local. https://docs.aws.amazon.com/step-functions/latest/apireference/API_Operations.html
/// </summary>
public interface IStepFunctionsClient
{
    Task<StartExecutionResponse> StartExecutionAsync(string stateMachineArn, string? name, string input, CancellationToken cancellationToken = default);

    Task SendTaskSuccessAsync(string taskToken, string output, CancellationToken cancellationToken = default);

    Task SendTaskFailureAsync(string taskToken, string error, string cause, CancellationToken cancellationToken = default);

    Task SendTaskHeartbeatAsync(string taskToken, CancellationToken cancellationToken = default);

    Task<DescribeExecutionResponse> DescribeExecutionAsync(string executionArn, CancellationToken cancellationToken = default);

    Task<ListExecutionsResponse> ListExecutionsAsync(
        string stateMachineArn, string? statusFilter = null, string? nextToken = null, CancellationToken cancellationToken = default);

    Task<GetExecutionHistoryResponse> GetExecutionHistoryAsync(
        string executionArn, string? nextToken = null, int maxResults = 1000, CancellationToken cancellationToken = default);

    Task<CreateStateMachineResponse> CreateStateMachineAsync(string name, string definition, string roleArn, CancellationToken cancellationToken = default);

    Task UpdateStateMachineAsync(string stateMachineArn, string definition, string? roleArn = null, CancellationToken cancellationToken = default);
}
