using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using BatchKit.Aws.Lambda;
using BatchKit.Aws.Ses;
using BatchKit.Aws.StepFunctions;
using BatchKit.Examples.Local;
using ChunkedCsv.Batch;

namespace ChunkedCsv.Local;

/// <summary>
/// Deploys the chunked-CSV example into a local endpoint with the names its CDK stack uses: the bucket, the prices and
/// errors tables, the verified sender, the six workflow functions, the chunk state machine, the main state machine
/// (which starts the chunk one), the trigger and the S3 notification <c>input/*.csv</c> → it. The same order
/// CloudFormation derives from the template's references; each step idempotent, as the payroll deploy's are.
/// </summary>
public sealed class ChunkedCsvStack(LocalEndpoint endpoint, string functionsDirectory, IProgress<string>? progress = null)
{
    public const string Bucket = "batchkit-chunked-csv";

    public const string Sender = "batches@batchkit.example";

    /// <summary>Who gets the mail with the link (the trigger puts it in every run's input).</summary>
    public string Recipient { get; init; } = "you@batchkit.example";

    /// <summary>N, the records per chunk, which the trigger puts in every run's input.</summary>
    public int ChunkSize { get; init; } = CsvChunks.DefaultSize;

    public async Task<ChunkedCsvDeployment> DeployAsync(CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        using var s3 = endpoint.S3();
        progress?.Report($"bucket {Bucket}");
        await LocalDeploy.EnsureBucketAsync(s3, Bucket, cancellationToken).ConfigureAwait(false);
        await EnsureTablesAsync(cancellationToken).ConfigureAwait(false);
        progress?.Report($"SES sender {Sender}");
        using (var ses = new SesClient(endpoint.ClientOptions()))
        {
            await ses.EnsureEmailIdentityAsync(Sender, cancellationToken).ConfigureAwait(false);
        }

        using var lambda = new LambdaClient(endpoint.ClientOptions());
        var arns = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var handler in ChunkedCsvNames.Handlers.Where(h => h != ChunkedCsvNames.Trigger))
        {
            var spec = new FunctionSpec(ChunkedCsvNames.FunctionName(handler), handler, functionsDirectory)
            {
                Environment = handler == ChunkedCsvNames.EmailLink
                    ? new Dictionary<string, string> { [ChunkedCsvNames.SenderVariable] = Sender }
                    : new Dictionary<string, string>(),
            };
            progress?.Report($"Lambda {spec.Name}");
            arns[handler] = await LocalDeploy.DeployFunctionAsync(lambda, spec, cancellationToken).ConfigureAwait(false);
        }

        var (mainArn, chunkArn) = await DeployStateMachinesAsync(arns, cancellationToken).ConfigureAwait(false);
        var trigger = new FunctionSpec(ChunkedCsvNames.FunctionName(ChunkedCsvNames.Trigger), ChunkedCsvNames.Trigger, functionsDirectory)
        {
            Environment = new Dictionary<string, string>
            {
                [ChunkedCsvNames.StateMachineArnVariable] = mainArn,
                [ChunkedCsvNames.ChunkSizeVariable] = ChunkSize.ToString(System.Globalization.CultureInfo.InvariantCulture),
                [ChunkedCsvNames.RecipientVariable] = Recipient,
            },
        };
        progress?.Report($"Lambda {trigger.Name} and the S3 notification {ChunkedCsvNames.Input}*.csv → it");
        arns[ChunkedCsvNames.Trigger] = await LocalDeploy.DeployFunctionAsync(lambda, trigger, cancellationToken).ConfigureAwait(false);
        await LocalDeploy.NotifyOnUploadAsync(
            s3, lambda, Bucket, trigger.Name, arns[ChunkedCsvNames.Trigger], ChunkedCsvNames.Input, ".csv", cancellationToken).ConfigureAwait(false);
        return new ChunkedCsvDeployment(Bucket, mainArn, chunkArn, Recipient, arns);
    }

    /// <summary>The chunk workflow first: the main definition names its ARN.</summary>
    private async Task<(string Main, string Chunk)> DeployStateMachinesAsync(Dictionary<string, string> arns, CancellationToken cancellationToken)
    {
        using var stepFunctions = new StepFunctionsClient(endpoint.ClientOptions());
        var chunkValues = ChunkedCsvDefinitions.ChunkFunctions.ToDictionary(p => p.Key, p => arns[p.Value], StringComparer.Ordinal);
        foreach (var (placeholder, table) in ChunkedCsvDefinitions.ChunkTables)
        {
            chunkValues[placeholder] = table;
        }

        progress?.Report($"state machine {ChunkedCsvNames.ChunkStateMachine} from {ChunkedCsvDefinitions.ChunkResource}");
        var chunk = new AslTemplate(ChunkedCsvDefinitions.ChunkResource, ChunkedCsvDefinitions.Chunk).Substitute(chunkValues);
        var chunkArn = await LocalDeploy.EnsureStateMachineAsync(stepFunctions, ChunkedCsvNames.ChunkStateMachine, chunk, cancellationToken)
            .ConfigureAwait(false);

        var mainValues = ChunkedCsvDefinitions.MainFunctions.ToDictionary(p => p.Key, p => arns[p.Value], StringComparer.Ordinal);
        mainValues[ChunkedCsvDefinitions.ChunkStateMachinePlaceholder] = chunkArn;
        progress?.Report($"state machine {ChunkedCsvNames.MainStateMachine} from {ChunkedCsvDefinitions.MainResource}");
        var main = new AslTemplate(ChunkedCsvDefinitions.MainResource, ChunkedCsvDefinitions.Main).Substitute(mainValues);
        var mainArn = await LocalDeploy.EnsureStateMachineAsync(stepFunctions, ChunkedCsvNames.MainStateMachine, main, cancellationToken)
            .ConfigureAwait(false);
        return (mainArn, chunkArn);
    }

    /// <summary>AWSSDK.DynamoDBv2 against the endpoint, no retries (a failure shows at once).</summary>
    public static AmazonDynamoDBClient DynamoDb(LocalEndpoint endpoint)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        return new AmazonDynamoDBClient(LocalEndpoint.Credentials, new AmazonDynamoDBConfig
        {
            ServiceURL = endpoint.Url.ToString(), AuthenticationRegion = LocalEndpoint.Region, MaxErrorRetry = 0,
        });
    }

    /// <summary>The prices by <c>product_id</c>; the errors by <c>run</c> (the main execution's name) and <c>line</c>.</summary>
    private async Task EnsureTablesAsync(CancellationToken cancellationToken)
    {
        using var dynamoDb = DynamoDb(endpoint);
        progress?.Report($"DynamoDB tables {ChunkedCsvNames.PricesTable} and {ChunkedCsvNames.ErrorsTable}");
        await EnsureTableAsync(dynamoDb, ChunkedCsvNames.PricesTable, [new("product_id", ScalarAttributeType.S)], cancellationToken).ConfigureAwait(false);
        await EnsureTableAsync(
            dynamoDb, ChunkedCsvNames.ErrorsTable, [new("run", ScalarAttributeType.S), new("line", ScalarAttributeType.N)], cancellationToken)
            .ConfigureAwait(false);
    }

    private static async Task EnsureTableAsync(AmazonDynamoDBClient dynamoDb, string name, List<AttributeDefinition> key, CancellationToken cancellationToken)
    {
        try
        {
            await dynamoDb.CreateTableAsync(new CreateTableRequest
            {
                TableName = name,
                BillingMode = BillingMode.PAY_PER_REQUEST,
                AttributeDefinitions = key,
                KeySchema = [.. key.Select((a, i) => new KeySchemaElement(a.AttributeName, i == 0 ? KeyType.HASH : KeyType.RANGE))],
            }, cancellationToken).ConfigureAwait(false);
        }
        catch (ResourceInUseException)
        {
        }
    }
}
