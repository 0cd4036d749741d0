using System.Globalization;
using System.Text.Json.Nodes;
using Amazon.DynamoDBv2.Model;
using Amazon.S3.Model;
using BatchKit.Aws.StepFunctions;
using BatchKit.Examples.Local;
using ChunkedCsv.Batch;

namespace ChunkedCsv.Local;

/// <summary>
/// One batch as a user runs it: seed the prices, upload <c>input/&lt;name&gt;.csv</c>, follow the main execution it
/// starts, then look at what it left: the nested chunk executions, the errors table, the merged file and the mail.
/// </summary>
public sealed class ChunkedCsvRun(LocalEndpoint endpoint, ChunkedCsvDeployment deployment)
{
    /// <summary>Writes the prices table (25 items per BatchWriteItem, as DynamoDB allows).</summary>
    public async Task PutPricesAsync(IReadOnlyDictionary<string, decimal> prices, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(prices);
        using var dynamoDb = ChunkedCsvStack.DynamoDb(endpoint);
        foreach (var batch in prices.Chunk(25))
        {
            var writes = batch.Select(p => new WriteRequest(new PutRequest(new Dictionary<string, AttributeValue>
            {
                ["product_id"] = new() { S = p.Key }, ["price"] = new() { N = p.Value.ToString(CultureInfo.InvariantCulture) },
            }))).ToList();
            var request = new BatchWriteItemRequest { RequestItems = new() { [ChunkedCsvNames.PricesTable] = writes } };
            var response = await dynamoDb.BatchWriteItemAsync(request, cancellationToken).ConfigureAwait(false);
            if (response.UnprocessedItems is { Count: > 0 })
            {
                throw new InvalidOperationException($"DynamoDB left {response.UnprocessedItems.Values.Sum(v => v.Count)} prices unwritten");
            }
        }
    }

    /// <summary>Uploads <c>input/&lt;name&gt;</c>; returns the name of the main execution its upload starts.</summary>
    public async Task<string> UploadAsync(string name, byte[] csv, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(deployment);
        using var s3 = endpoint.S3();
        var key = ChunkedCsvNames.Input + name;
        var request = new PutObjectRequest { BucketName = deployment.Bucket, Key = key, InputStream = new MemoryStream(csv), ContentType = "text/csv" };
        var response = await s3.PutObjectAsync(request, cancellationToken).ConfigureAwait(false);
        return ChunkedCsvNames.ExecutionName(key, response.ETag);
    }

    public async Task<DescribeExecutionResponse> WaitAsync(string executionName, TimeSpan deadline, CancellationToken cancellationToken = default)
    {
        using var stepFunctions = new StepFunctionsClient(endpoint.ClientOptions());
        return await ExecutionWatch.UntilEndedAsync(stepFunctions, deployment.MainStateMachineArn, executionName, deadline, cancellationToken)
            .ConfigureAwait(false);
    }

    /// <summary>
    /// The chunk workflow's executions the main execution started: those whose input names it in
    /// <c>AWS_STEP_FUNCTIONS_STARTED_BY_EXECUTION_ID</c>, the field Step Functions links nested executions by.
    /// https://docs.aws.amazon.com/step-functions/latest/dg/concepts-nested-workflows.html
    /// </summary>
    public async Task<IReadOnlyList<DescribeExecutionResponse>> ChunkExecutionsAsync(string mainExecutionArn, CancellationToken cancellationToken = default)
    {
        using var stepFunctions = new StepFunctionsClient(endpoint.ClientOptions());
        var found = new List<DescribeExecutionResponse>();
        string? token = null;
        do
        {
            var page = await stepFunctions.ListExecutionsAsync(deployment.ChunkStateMachineArn, nextToken: token, cancellationToken: cancellationToken)
                .ConfigureAwait(false);
            foreach (var item in page.Executions)
            {
                var execution = await stepFunctions.DescribeExecutionAsync(item.ExecutionArn, cancellationToken).ConfigureAwait(false);
                var parent = JsonNode.Parse(execution.Input ?? "{}")?["AWS_STEP_FUNCTIONS_STARTED_BY_EXECUTION_ID"]?.GetValue<string>();
                if (parent == mainExecutionArn)
                {
                    found.Add(execution);
                }
            }

            token = page.NextToken;
        }
        while (token is not null);
        return found;
    }

    /// <summary>The run's invalid rows from the errors table, in line order: line, reason, the row as written.</summary>
    public async Task<IReadOnlyList<(int Line, string Reason, string Row)>> InvalidRowsAsync(string run, CancellationToken cancellationToken = default)
    {
        using var dynamoDb = ChunkedCsvStack.DynamoDb(endpoint);
        var rows = new List<(int, string, string)>();
        Dictionary<string, AttributeValue>? start = null;
        do
        {
            var page = await dynamoDb.QueryAsync(new QueryRequest
            {
                TableName = ChunkedCsvNames.ErrorsTable,
                KeyConditionExpression = "#run = :run",
                ExpressionAttributeNames = new() { ["#run"] = "run" },
                ExpressionAttributeValues = new() { [":run"] = new AttributeValue { S = run } },
                ExclusiveStartKey = start,
                ConsistentRead = true,
            }, cancellationToken).ConfigureAwait(false);
            rows.AddRange(page.Items.Select(i => (int.Parse(i["line"].N, CultureInfo.InvariantCulture), i["reason"].S, i["row"].S)));
            start = page.LastEvaluatedKey is { Count: > 0 } last ? last : null;
        }
        while (start is not null);
        return rows;
    }

    public async Task<string> ReadTextAsync(string key, CancellationToken cancellationToken = default)
    {
        using var s3 = endpoint.S3();
        using var response = await s3.GetObjectAsync(deployment.Bucket, key, cancellationToken).ConfigureAwait(false);
        using var reader = new StreamReader(response.ResponseStream);
        return await reader.ReadToEndAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Every message the emulator's SES delivered to <paramref name="address"/>, oldest first (its local mailbox).</summary>
    public Task<IReadOnlyList<JsonObject>> MailToAsync(string address, CancellationToken cancellationToken = default) =>
        endpoint.MailToAsync(address, cancellationToken);

    /// <summary>The link in a mail: its one line that is a URL.</summary>
    public static string Link(JsonObject mail)
    {
        ArgumentNullException.ThrowIfNull(mail);
        var lines = (mail["Text"]?.GetValue<string>() ?? "").Split('\n');
        return lines.Single(l => l.StartsWith("http://", StringComparison.Ordinal) || l.StartsWith("https://", StringComparison.Ordinal));
    }
}
