using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;

namespace LongJob.Jobs;

/// <summary>
/// The requests table (partition key <c>requestId</c>): each write is one conditional call, so a Lambda retry of
/// the same upload stores nothing twice and a late "started" never overwrites a task's result.
/// https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Expressions.ConditionExpressions.html
/// </summary>
public sealed class JobTable(IAmazonDynamoDB dynamoDb, string tableName, TimeProvider time)
{
    /// <summary>Stores a new request as PENDING; false when the id is already taken (a retried event).</summary>
    public async Task<bool> TryCreateAsync(string requestId, string bucket, JobRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var item = Identity(requestId);
        item["status"] = S(JobStatus.Pending);
        item["bucket"] = S(bucket);
        item["email"] = S(request.Email);
        item["keys"] = new AttributeValue { L = [.. request.Keys.Select(S)] };
        item["createdAt"] = S(Now());
        try
        {
            await dynamoDb.PutItemAsync(new PutItemRequest
            {
                TableName = tableName, Item = item, ConditionExpression = "attribute_not_exists(requestId)",
            }, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (ConditionalCheckFailedException)
        {
            return false;
        }
    }

    /// <summary>Records a request that could not be read, with the reason, so the user sees why nothing ran.</summary>
    public Task RejectAsync(string requestId, string bucket, string error, CancellationToken cancellationToken)
    {
        var item = Identity(requestId);
        item["status"] = S(JobStatus.Rejected);
        item["bucket"] = S(bucket);
        item["error"] = S(error);
        item["createdAt"] = S(Now());
        var put = new PutItemRequest { TableName = tableName, Item = item, ConditionExpression = "attribute_not_exists(requestId)" };
        return dynamoDb.PutItemAsync(put, cancellationToken);
    }

    /// <summary>PENDING → RUNNING with the task's ARN; a task that already finished keeps its own status.</summary>
    public async Task MarkRunningAsync(string requestId, string taskArn, CancellationToken cancellationToken)
    {
        try
        {
            await UpdateAsync(requestId, "SET #status = :running, taskArn = :task", "#status = :pending", new()
            {
                [":running"] = S(JobStatus.Running), [":task"] = S(taskArn), [":pending"] = S(JobStatus.Pending),
            }, cancellationToken).ConfigureAwait(false);
        }
        catch (ConditionalCheckFailedException)
        {
        }
    }

    public Task MarkDoneAsync(string requestId, string archiveKey, string messageId, CancellationToken cancellationToken) =>
        UpdateAsync(requestId, "SET #status = :done, archiveKey = :archive, messageId = :message, finishedAt = :now", null, new()
        {
            [":done"] = S(JobStatus.Done), [":archive"] = S(archiveKey), [":message"] = S(messageId), [":now"] = S(Now()),
        }, cancellationToken);

    public Task MarkFailedAsync(string requestId, string error, CancellationToken cancellationToken) =>
        UpdateAsync(requestId, "SET #status = :failed, #error = :error, finishedAt = :now", null, new()
        {
            [":failed"] = S(JobStatus.Failed), [":error"] = S(error), [":now"] = S(Now()),
        }, cancellationToken);

    public async Task<JobRecord?> GetAsync(string requestId, CancellationToken cancellationToken)
    {
        var get = new GetItemRequest { TableName = tableName, Key = Identity(requestId), ConsistentRead = true };
        var response = await dynamoDb.GetItemAsync(get, cancellationToken).ConfigureAwait(false);
        if (response.Item is not { Count: > 0 } item)
        {
            return null;
        }

        return new JobRecord(
            requestId, Text(item, "status") ?? "", Text(item, "bucket") ?? "", Text(item, "email") ?? "",
            item.TryGetValue("keys", out var keys) ? [.. (keys.L ?? []).Select(k => k.S)] : [],
            Text(item, "taskArn"), Text(item, "archiveKey"), Text(item, "error"));
    }

    private Task<UpdateItemResponse> UpdateAsync(
        string requestId, string update, string? condition, Dictionary<string, AttributeValue> values, CancellationToken cancellationToken)
    {
        var names = new Dictionary<string, string> { ["#status"] = "status" }; // status is a DynamoDB reserved word, as is error
        if (update.Contains("#error", StringComparison.Ordinal))
        {
            names["#error"] = "error";
        }

        return dynamoDb.UpdateItemAsync(new UpdateItemRequest
        {
            TableName = tableName, Key = Identity(requestId), UpdateExpression = update, ConditionExpression = condition,
            ExpressionAttributeNames = names, ExpressionAttributeValues = values,
        }, cancellationToken);
    }

    private static Dictionary<string, AttributeValue> Identity(string requestId) => new(StringComparer.Ordinal) { ["requestId"] = S(requestId) };

    private static AttributeValue S(string value) => new() { S = value };

    private static string? Text(Dictionary<string, AttributeValue> item, string name) => item.TryGetValue(name, out var value) ? value.S : null;

    private string Now() => time.GetUtcNow().ToString("O", System.Globalization.CultureInfo.InvariantCulture);
}
