using System.Net;
using System.Text.Json.Nodes;
using Amazon.S3;
using Amazon.S3.Model;
using BatchKit.Aws.Lambda;
using BatchKit.Aws.StepFunctions;

namespace BatchKit.Examples.Local;

/// <summary>
/// The deploy steps an example's stack is made of, through the AWS APIs only (as `batchkit up` deploys the sales
/// pipeline), each idempotent: a second deploy updates what exists (new code, new definition) instead of failing.
/// </summary>
public static class LocalDeploy
{
    public static async Task EnsureBucketAsync(IAmazonS3 s3, string bucket, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(s3);
        try
        {
            await s3.PutBucketAsync(bucket, cancellationToken).ConfigureAwait(false);
        }
        catch (AmazonS3Exception e) when (e.ErrorCode == "BucketAlreadyOwnedByYou" || e.StatusCode == HttpStatusCode.Conflict)
        {
        }
    }

    /// <summary>Creates the function, or points an existing one at the current code and settings; returns its ARN.</summary>
    public static async Task<string> DeployFunctionAsync(LambdaClient lambda, FunctionSpec spec, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(lambda);
        ArgumentNullException.ThrowIfNull(spec);
        if (!File.Exists(Path.Combine(spec.CodeDirectory, "bootstrap")))
        {
            throw new FileNotFoundException($"{spec.Name}: '{Path.GetFullPath(spec.CodeDirectory)}' has no bootstrap; build the example's functions first");
        }

        // LocalStack's hot-reload bucket, which BatchKit's emulator honours too: the key is a local directory, used in place.
        var code = new JsonObject { ["S3Bucket"] = "hot-reload", ["S3Key"] = Path.GetFullPath(spec.CodeDirectory) };
        var configuration = new JsonObject
        {
            ["Handler"] = spec.Handler,
            ["Timeout"] = spec.Timeout,
            ["MemorySize"] = spec.MemorySize,
            ["Environment"] = new JsonObject
            {
                ["Variables"] = new JsonObject([.. spec.Environment.Select(v => KeyValuePair.Create(v.Key, (JsonNode?)v.Value))]),
            },
        };
        var existing = await lambda.GetFunctionConfigurationAsync(spec.Name, cancellationToken).ConfigureAwait(false);
        if (existing is not null)
        {
            await lambda.UpdateFunctionCodeAsync(spec.Name, code, cancellationToken).ConfigureAwait(false);
            await lambda.UpdateFunctionConfigurationAsync(spec.Name, configuration, cancellationToken).ConfigureAwait(false);
            return existing["FunctionArn"]!.GetValue<string>();
        }

        configuration["FunctionName"] = spec.Name;
        configuration["Runtime"] = "provided.al2023";
        configuration["Role"] = LocalEndpoint.Role(spec.Name);
        configuration["Architectures"] = new JsonArray("x86_64");
        configuration["Code"] = code;
        return await lambda.CreateFunctionAsync(configuration, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Creates the state machine or updates its definition; returns its ARN.</summary>
    public static async Task<string> EnsureStateMachineAsync(
        StepFunctionsClient stepFunctions, string name, string definition, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stepFunctions);
        var machines = await stepFunctions.ListStateMachinesAsync(cancellationToken).ConfigureAwait(false);
        var arn = machines.FirstOrDefault(m => m.Name == name).StateMachineArn;
        if (arn is null)
        {
            var created = await stepFunctions.CreateStateMachineAsync(name, definition, LocalEndpoint.Role(name), cancellationToken).ConfigureAwait(false);
            return created.StateMachineArn;
        }

        await stepFunctions.UpdateStateMachineAsync(arn, definition, cancellationToken: cancellationToken).ConfigureAwait(false);
        return arn;
    }

    /// <summary>
    /// S3 invokes the function for every object created under <paramref name="prefix"/> ending in <paramref name="suffix"/>
    /// (the bucket's whole notification configuration: one trigger per example bucket).
    /// https://docs.aws.amazon.com/AmazonS3/latest/userguide/how-to-enable-disable-notification-intro.html
    /// </summary>
    public static async Task NotifyOnUploadAsync(
        IAmazonS3 s3, LambdaClient lambda, string bucket, string functionName, string functionArn, string prefix, string suffix,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(s3);
        ArgumentNullException.ThrowIfNull(lambda);
        await lambda.AddPermissionAsync(functionName, "s3-" + bucket, "s3.amazonaws.com", $"arn:aws:s3:::{bucket}", cancellationToken).ConfigureAwait(false);
        await s3.PutBucketNotificationAsync(new PutBucketNotificationRequest
        {
            BucketName = bucket,
            LambdaFunctionConfigurations =
            [
                new LambdaFunctionConfiguration
                {
                    Id = functionName,
                    FunctionArn = functionArn,
                    Events = [EventType.ObjectCreatedAll],
                    Filter = new Filter
                    {
                        S3KeyFilter = new S3KeyFilter { FilterRules = [new FilterRule("prefix", prefix), new FilterRule("suffix", suffix)] },
                    },
                },
            ],
        }, cancellationToken).ConfigureAwait(false);
    }
}
