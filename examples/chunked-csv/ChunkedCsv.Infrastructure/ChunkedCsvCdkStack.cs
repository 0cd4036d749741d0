using Amazon.CDK;
using Amazon.CDK.AWS.DynamoDB;
using Amazon.CDK.AWS.IAM;
using Amazon.CDK.AWS.Lambda;
using Amazon.CDK.AWS.S3;
using Amazon.CDK.AWS.S3.Notifications;
using Amazon.CDK.AWS.SES;
using Amazon.CDK.AWS.StepFunctions;
using ChunkedCsv.Batch;
using Constructs;
using Function = Amazon.CDK.AWS.Lambda.Function;

namespace ChunkedCsv.Infrastructure;

/// <summary>
/// The chunked-CSV example on AWS: a versioned bucket whose <c>input/*.csv</c> uploads invoke the trigger; the prices
/// and errors tables; the sender identity; seven functions (one provided.al2023 bootstrap, seven Handlers); the chunk
/// state machine and the main one that starts it per chunk, both from their ASL files with DefinitionSubstitutions.
/// Each function and machine may touch only what its steps read or write.
/// </summary>
internal sealed class ChunkedCsvCdkStack : Stack
{
    public ChunkedCsvCdkStack(Construct scope, string id, ChunkedCsvCdkSettings settings) : base(scope, id)
    {
        ArgumentNullException.ThrowIfNull(settings);
        Bucket = new Bucket(this, "Bucket", new BucketProps
        {
            BlockPublicAccess = BlockPublicAccess.BLOCK_ALL,
            EnforceSSL = true,
            Versioned = true,
            RemovalPolicy = RemovalPolicy.RETAIN,
            LifecycleRules =
            [
                new LifecycleRule { Id = "work", Prefix = ChunkedCsvNames.Work, Expiration = Duration.Days(7), NoncurrentVersionExpiration = Duration.Days(1) },
                new LifecycleRule { Id = "old-versions", NoncurrentVersionExpiration = Duration.Days(30) },
            ],
        });
        Prices = NewTable("Prices", ChunkedCsvNames.PricesTable, "product_id", null);
        Errors = NewTable("Errors", ChunkedCsvNames.ErrorsTable, "run", "line");
        _ = new EmailIdentity(this, "Sender", new EmailIdentityProps { Identity = Identity.Email(settings.SenderEmail) });
        var code = Code.FromAsset(AssetDirectory(settings.FunctionsAssetDir));
        Functions = ChunkedCsvNames.Handlers.ToDictionary(h => h, h => NewFunction(h, code), StringComparer.Ordinal);
        GrantBucket();
        Functions[ChunkedCsvNames.EmailLink].AddEnvironment(ChunkedCsvNames.SenderVariable, settings.SenderEmail);
        Functions[ChunkedCsvNames.EmailLink].AddToRolePolicy(new PolicyStatement(new PolicyStatementProps
        {
            Actions = ["ses:SendEmail"],
            Resources = [Arn.Format(new ArnComponents { Service = "ses", Resource = "identity", ResourceName = "*" }, this)],
        }));

        ChunkStateMachine = NewChunkStateMachine();
        MainStateMachine = NewMainStateMachine();
        var trigger = Functions[ChunkedCsvNames.Trigger];
        trigger.AddEnvironment(ChunkedCsvNames.StateMachineArnVariable, MainStateMachine.StateMachineArn);
        trigger.AddEnvironment(ChunkedCsvNames.ChunkSizeVariable, settings.ChunkSize);
        trigger.AddEnvironment(ChunkedCsvNames.RecipientVariable, settings.RecipientEmail);
        MainStateMachine.GrantStartExecution(trigger);
        Bucket.AddEventNotification(EventType.OBJECT_CREATED, new LambdaDestination(trigger),
            new NotificationKeyFilter { Prefix = ChunkedCsvNames.Input, Suffix = ".csv" });
    }

    public Bucket Bucket { get; }

    public Table Prices { get; }

    public Table Errors { get; }

    public IReadOnlyDictionary<string, Function> Functions { get; }

    public StateMachine ChunkStateMachine { get; }

    public StateMachine MainStateMachine { get; }

    private StateMachine NewChunkStateMachine()
    {
        var substitutions = ChunkedCsvDefinitions.ChunkFunctions.ToDictionary(p => p.Key, p => Functions[p.Value].FunctionArn, StringComparer.Ordinal);
        substitutions["PricesTableName"] = Prices.TableName;
        substitutions["ErrorsTableName"] = Errors.TableName;
        var machine = new StateMachine(this, "ChunkStateMachine", new StateMachineProps
        {
            StateMachineName = ChunkedCsvNames.ChunkStateMachine,
            DefinitionBody = DefinitionBody.FromString(ChunkedCsvDefinitions.Chunk),
            DefinitionSubstitutions = substitutions,
        });
        foreach (var handler in ChunkedCsvDefinitions.ChunkFunctions.Values)
        {
            Functions[handler].GrantInvoke(machine);
        }

        Prices.GrantReadData(machine);
        Errors.GrantWriteData(machine);
        return machine;
    }

    /// <summary>
    /// Besides its functions, the main machine starts, describes and stops chunk executions and, for <c>.sync:2</c>,
    /// manages the rule Step Functions uses to learn that one ended.
    /// https://docs.aws.amazon.com/step-functions/latest/dg/stepfunctions-iam.html
    /// </summary>
    private StateMachine NewMainStateMachine()
    {
        var substitutions = ChunkedCsvDefinitions.MainFunctions.ToDictionary(p => p.Key, p => Functions[p.Value].FunctionArn, StringComparer.Ordinal);
        substitutions[ChunkedCsvDefinitions.ChunkStateMachinePlaceholder] = ChunkStateMachine.StateMachineArn;
        var machine = new StateMachine(this, "MainStateMachine", new StateMachineProps
        {
            StateMachineName = ChunkedCsvNames.MainStateMachine,
            DefinitionBody = DefinitionBody.FromString(ChunkedCsvDefinitions.Main),
            DefinitionSubstitutions = substitutions,
        });
        foreach (var handler in ChunkedCsvDefinitions.MainFunctions.Values)
        {
            Functions[handler].GrantInvoke(machine);
        }

        ChunkStateMachine.GrantStartExecution(machine);
        var executions = new ArnComponents
        {
            Service = "states", Resource = "execution", ResourceName = ChunkedCsvNames.ChunkStateMachine + ":*", ArnFormat = ArnFormat.COLON_RESOURCE_NAME,
        };
        machine.AddToRolePolicy(new PolicyStatement(new PolicyStatementProps
        {
            Actions = ["states:DescribeExecution", "states:StopExecution"], Resources = [Arn.Format(executions, this)],
        }));
        var rule = new ArnComponents { Service = "events", Resource = "rule", ResourceName = "StepFunctionsGetEventsForStepFunctionsExecutionRule" };
        machine.AddToRolePolicy(new PolicyStatement(new PolicyStatementProps
        {
            Actions = ["events:PutTargets", "events:PutRule", "events:DescribeRule"], Resources = [Arn.Format(rule, this)],
        }));
        return machine;
    }

    private void GrantBucket()
    {
        var chunks = ChunkedCsvNames.Work + "*";
        Bucket.GrantRead(Functions[ChunkedCsvNames.SplitFile], ChunkedCsvNames.Input + "*");
        Bucket.GrantPut(Functions[ChunkedCsvNames.SplitFile], chunks);
        Bucket.GrantRead(Functions[ChunkedCsvNames.ReadChunk], chunks);
        Bucket.GrantPut(Functions[ChunkedCsvNames.WriteChunk], chunks);
        Bucket.GrantRead(Functions[ChunkedCsvNames.MergeChunks], chunks);
        Bucket.GrantPut(Functions[ChunkedCsvNames.MergeChunks], ChunkedCsvNames.Output + "*");
        Bucket.GrantRead(Functions[ChunkedCsvNames.EmailLink], ChunkedCsvNames.Output + "*"); // the presigned link acts with this role
    }

    private Table NewTable(string id, string name, string partitionKey, string? sortKey) => new(this, id, new TableProps
    {
        TableName = name,
        PartitionKey = new Amazon.CDK.AWS.DynamoDB.Attribute { Name = partitionKey, Type = AttributeType.STRING },
        SortKey = sortKey is null ? null : new Amazon.CDK.AWS.DynamoDB.Attribute { Name = sortKey, Type = AttributeType.NUMBER },
        BillingMode = BillingMode.PAY_PER_REQUEST,
        RemovalPolicy = RemovalPolicy.DESTROY,
    });

    private Function NewFunction(string handler, Code code) => new(this, "Function-" + handler, new FunctionProps
    {
        FunctionName = ChunkedCsvNames.FunctionName(handler),
        Runtime = Runtime.PROVIDED_AL2023,
        Architecture = Architecture.X86_64,
        Handler = handler,
        Code = code,
        MemorySize = handler is ChunkedCsvNames.SplitFile or ChunkedCsvNames.MergeChunks ? 1024 : 256,
        Timeout = Duration.Seconds(handler is ChunkedCsvNames.SplitFile or ChunkedCsvNames.MergeChunks ? 300 : 60),
        Description = $"BatchKit chunked-CSV example: {handler}",
    });

    /// <summary>The asset folder must hold the published bootstrap; say so at synth time rather than ship an empty zip.</summary>
    private static string AssetDirectory(string directory)
    {
        var full = Path.GetFullPath(directory);
        return File.Exists(Path.Combine(full, "bootstrap"))
            ? full
            : throw new ArgumentException(
                $"'{full}' has no 'bootstrap': publish examples/chunked-csv/ChunkedCsv.Functions there (make -C examples/chunked-csv artifacts)",
                nameof(directory));
    }
}
