using Amazon.CDK;
using Amazon.CDK.AWS.Lambda;
using Amazon.CDK.AWS.S3;
using BatchKit.Contracts;
using Constructs;

namespace BatchKit.Infrastructure.Resources;

/// <summary>
/// The pipeline's bucket: private (public access blocked, TLS enforced, S3-managed encryption), processed/ and
/// reports/ expiring by lifecycle, and the <c>uploads/*.zip</c> notification to the upload Lambda. The name is fixed
/// from account and region so the Lambda's permission can name the bucket without a dependency cycle, and the
/// notification is set on the bucket itself (no CDK custom resource, whose role needs s3:PutBucketNotification on *).
/// </summary>
internal sealed class SalesStorage : Construct
{
    public SalesStorage(Construct scope, string id, bool versioning)
        : base(scope, id)
    {
        BucketName = $"batchkit-sales-{Aws.ACCOUNT_ID}-{Aws.REGION}";
        Bucket = new Bucket(this, "Bucket", new BucketProps
        {
            BucketName = BucketName,
            BlockPublicAccess = BlockPublicAccess.BLOCK_ALL,
            EnforceSSL = true,
            Encryption = BucketEncryption.S3_MANAGED,
            Versioned = versioning,
            RemovalPolicy = RemovalPolicy.RETAIN,
            LifecycleRules =
            [
                new LifecycleRule { Id = "processed", Prefix = BucketPrefixes.Processed, Expiration = Duration.Days(30) },
                new LifecycleRule { Id = "reports", Prefix = BucketPrefixes.Reports, Transitions = [new Transition { StorageClass = StorageClass.INFREQUENT_ACCESS, TransitionAfter = Duration.Days(30) }], Expiration = Duration.Days(400) },
                new LifecycleRule { Id = "abort-multipart", AbortIncompleteMultipartUploadAfter = Duration.Days(1) },
            ],
        });
    }

    public Bucket Bucket { get; }

    public string BucketName { get; }

    public string BucketArn => $"arn:{Aws.PARTITION}:s3:::{BucketName}";

    /// <summary>An object ARN pattern under a prefix, for policies scoped per prefix.</summary>
    public string ObjectsArn(string prefix) => $"{BucketArn}/{prefix}*";

    /// <summary>
    /// S3 → the upload Lambda on <c>uploads/</c> keys ending <c>.zip</c> (with the dot). S3 checks the permission
    /// when the configuration is set, so the bucket waits for it.
    /// https://docs.aws.amazon.com/AmazonS3/latest/userguide/notification-how-to-filtering.html
    /// </summary>
    public void NotifyUploads(IFunction function)
    {
        var permission = new CfnPermission(this, "S3InvokesUpload", new CfnPermissionProps
        {
            Action = "lambda:InvokeFunction",
            FunctionName = function.FunctionArn,
            Principal = "s3.amazonaws.com",
            SourceArn = BucketArn,
            SourceAccount = Aws.ACCOUNT_ID,
        });
        var bucket = (CfnBucket)Bucket.Node.DefaultChild!;
        bucket.NotificationConfiguration = new CfnBucket.NotificationConfigurationProperty
        {
            LambdaConfigurations = new object[]
            {
                new CfnBucket.LambdaConfigurationProperty
                {
                    Event = "s3:ObjectCreated:*",
                    Function = function.FunctionArn,
                    Filter = new CfnBucket.NotificationFilterProperty
                    {
                        S3Key = new CfnBucket.S3KeyFilterProperty
                        {
                            Rules = new object[]
                            {
                                new CfnBucket.FilterRuleProperty { Name = "prefix", Value = BucketPrefixes.Uploads },
                                new CfnBucket.FilterRuleProperty { Name = "suffix", Value = ".zip" },
                            },
                        },
                    },
                },
            },
        };
        bucket.AddDependency(permission);
    }
}
