using Amazon.CDK;
using Amazon.CDK.AWS.Lambda;
using Amazon.CDK.AWS.S3;
using BatchKit.Contracts;
using Constructs;

namespace BatchKit.Infrastructure.Constructs;

/// <summary>
/// The sales bucket: private, TLS only, encrypted, versioned, with lifecycle rules for the derived prefixes, and the
/// notification that hands every <c>uploads/*.zip</c> to the upload function.
/// </summary>
internal sealed class Storage : Construct
{
    /// <summary>Unzipped store files are re-derivable from the upload: keep them 30 days.</summary>
    public const int ProcessedExpirationDays = 30;

    /// <summary>Reports are the product: keep them a year, in Infrequent Access after 30 days.</summary>
    public const int ReportsExpirationDays = 365;

    public const int ReportsInfrequentAccessDays = 30;

    private readonly CfnBucket _cfnBucket;

    public Storage(Construct scope, string id, ResourceNames names) : base(scope, id)
    {
        Bucket = new Bucket(this, "Bucket", new BucketProps
        {
            BucketName = names.BucketName,
            BlockPublicAccess = BlockPublicAccess.BLOCK_ALL,
            EnforceSSL = true,
            Encryption = BucketEncryption.S3_MANAGED,
            Versioned = true,
            ObjectOwnership = ObjectOwnership.BUCKET_OWNER_ENFORCED,
            RemovalPolicy = RemovalPolicy.RETAIN,
            LifecycleRules =
            [
                new LifecycleRule
                {
                    Id = "processed",
                    Prefix = BucketPrefixes.Processed,
                    Expiration = Duration.Days(ProcessedExpirationDays),
                    NoncurrentVersionExpiration = Duration.Days(1),
                },
                new LifecycleRule
                {
                    Id = "reports",
                    Prefix = BucketPrefixes.Reports,
                    Expiration = Duration.Days(ReportsExpirationDays),
                    NoncurrentVersionExpiration = Duration.Days(30),
                    Transitions =
                    [
                        new Transition { StorageClass = StorageClass.INFREQUENT_ACCESS, TransitionAfter = Duration.Days(ReportsInfrequentAccessDays) },
                    ],
                },
                new LifecycleRule { Id = "incomplete-uploads", AbortIncompleteMultipartUploadAfter = Duration.Days(7) },
            ],
        });
        _cfnBucket = (CfnBucket)Bucket.Node.DefaultChild!;
        Names = names;
    }

    public Bucket Bucket { get; }

    private ResourceNames Names { get; }

    /// <summary>
    /// S3 invokes <paramref name="function"/> for every object created under uploads/ whose key ends in ".zip".
    /// Written on the bucket itself (not CDK's notification custom resource, whose role may change any bucket's
    /// notifications); the permission comes first because S3 checks it when the configuration is saved.
    /// https://docs.aws.amazon.com/AmazonS3/latest/userguide/notification-how-to-filtering.html
    /// </summary>
    public void NotifyUploads(Function function)
    {
        ArgumentNullException.ThrowIfNull(function);
        function.AddPermission("InvokeFromBucket", new Permission
        {
            Principal = new Amazon.CDK.AWS.IAM.ServicePrincipal("s3.amazonaws.com"),
            SourceArn = Names.BucketArn,
            SourceAccount = Aws.ACCOUNT_ID,
        });
        _cfnBucket.NotificationConfiguration = new CfnBucket.NotificationConfigurationProperty
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
        _cfnBucket.Node.AddDependency(function.Node.FindChild("InvokeFromBucket"));
    }
}
