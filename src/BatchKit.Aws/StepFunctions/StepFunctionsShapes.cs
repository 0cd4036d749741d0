namespace BatchKit.Aws.StepFunctions;

// Request and response shapes, as botocore's stepfunctions/2016-11-23/service-2.json names them (fields we use).

public sealed record StartExecutionResponse(string ExecutionArn, DateTimeOffset StartDate);

public sealed record DescribeExecutionResponse(
    string ExecutionArn, string StateMachineArn, string Name, string Status, DateTimeOffset StartDate, DateTimeOffset? StopDate,
    string? Input, string? Output, string? Error, string? Cause);

public sealed record ExecutionListItem(
    string ExecutionArn, string StateMachineArn, string Name, string Status, DateTimeOffset StartDate, DateTimeOffset? StopDate);

public sealed record ListExecutionsResponse(IReadOnlyList<ExecutionListItem> Executions, string? NextToken);

/// <summary>One history event; <see cref="DetailsJson"/> is its *EventDetails object as JSON text.</summary>
public sealed record HistoryEventItem(long Id, long PreviousEventId, string Type, DateTimeOffset Timestamp, string? DetailsKey, string? DetailsJson);

public sealed record GetExecutionHistoryResponse(IReadOnlyList<HistoryEventItem> Events, string? NextToken);

public sealed record CreateStateMachineResponse(string StateMachineArn, DateTimeOffset CreationDate);

public sealed record DescribeStateMachineResponse(string StateMachineArn, string Name, string Definition, string? RoleArn);

/// <summary>A Map Run's status and item counts (DescribeMapRun's itemCounts).</summary>
public sealed record DescribeMapRunResponse(string MapRunArn, string Status, long Total, long Pending, long Running, long Succeeded, long Failed);
