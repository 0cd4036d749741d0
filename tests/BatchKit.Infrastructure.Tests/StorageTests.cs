using System.Text.Json.Nodes;
using BatchKit.Contracts;
using BatchKit.Infrastructure.Constructs;

namespace BatchKit.Infrastructure.Tests;

[Collection(DefaultStackCollection.Name)]
public sealed class StorageTests(DefaultStack stack)
{
    private JsonObject Bucket => stack.Single("AWS::S3::Bucket");

    [Fact]
    public void Bucket_blocks_every_kind_of_public_access()
    {
        var block = Bucket["PublicAccessBlockConfiguration"]!.AsObject();

        Assert.Equal(4, block.Count);
        Assert.All(["BlockPublicAcls", "BlockPublicPolicy", "IgnorePublicAcls", "RestrictPublicBuckets"], k => Assert.True((bool)block[k]!));
        Assert.Equal("BucketOwnerEnforced", (string?)Bucket["OwnershipControls"]!["Rules"]![0]!["ObjectOwnership"]);
    }

    [Fact]
    public void Bucket_is_encrypted_versioned_and_retained()
    {
        Assert.Equal("AES256", (string?)Bucket["BucketEncryption"]!["ServerSideEncryptionConfiguration"]![0]!["ServerSideEncryptionByDefault"]!["SSEAlgorithm"]);
        Assert.Equal("Enabled", (string?)Bucket["VersioningConfiguration"]!["Status"]);
        var resource = Assert.Single(stack.Resources("AWS::S3::Bucket")).Value;
        Assert.Equal("Retain", (string?)resource["DeletionPolicy"]);
    }

    [Fact]
    public void Bucket_policy_denies_every_request_without_TLS()
    {
        var statement = Assert.Single(stack.Single("AWS::S3::BucketPolicy")["PolicyDocument"]!["Statement"]!.AsArray())!;

        Assert.Equal("Deny", (string?)statement["Effect"]);
        Assert.Equal("s3:*", (string?)statement["Action"]);
        Assert.Equal("false", (string?)statement["Condition"]!["Bool"]!["aws:SecureTransport"]);
    }

    [Fact]
    public void Lifecycle_rules_expire_processed_files_and_age_reports()
    {
        var rules = Bucket["LifecycleConfiguration"]!["Rules"]!.AsArray().Select(r => r!.AsObject()).ToList();

        var processed = Assert.Single(rules, r => (string?)r["Prefix"] == BucketPrefixes.Processed);
        Assert.Equal(Storage.ProcessedExpirationDays, (int)processed["ExpirationInDays"]!);
        var reports = Assert.Single(rules, r => (string?)r["Prefix"] == BucketPrefixes.Reports);
        Assert.Equal(Storage.ReportsExpirationDays, (int)reports["ExpirationInDays"]!);
        Assert.Equal("STANDARD_IA", (string?)reports["Transitions"]![0]!["StorageClass"]);
        Assert.All(rules, r => Assert.Equal("Enabled", (string?)r["Status"]));
    }

    [Fact]
    public void Uploads_zip_objects_notify_the_upload_function()
    {
        var configuration = Assert.Single(Bucket["NotificationConfiguration"]!["LambdaConfigurations"]!.AsArray())!;
        var rules = configuration["Filter"]!["S3Key"]!["Rules"]!.AsArray().ToDictionary(r => (string)r!["Name"]!, r => (string)r!["Value"]!);

        Assert.Equal("s3:ObjectCreated:*", (string?)configuration["Event"]);
        Assert.Equal(BucketPrefixes.Uploads, rules["prefix"]);
        Assert.Equal(".zip", rules["suffix"]);
        Assert.Equal(stack.Json.UploadFunctionId(), (string?)configuration["Function"]!["Fn::GetAtt"]![0]);
    }

    [Fact]
    public void S3_may_invoke_the_upload_function_before_the_bucket_is_configured()
    {
        var permission = stack.Single("AWS::Lambda::Permission");
        var bucket = Assert.Single(stack.Resources("AWS::S3::Bucket")).Value;

        Assert.Equal("s3.amazonaws.com", (string?)permission["Principal"]);
        Assert.Equal("lambda:InvokeFunction", (string?)permission["Action"]);
        Assert.NotNull(permission["SourceAccount"]);
        Assert.Contains(stack.LogicalId("AWS::Lambda::Permission"), bucket["DependsOn"]!.AsArray().Select(d => (string?)d));
    }
}
