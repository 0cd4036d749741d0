using System.Net;
using System.Text.Json.Nodes;
using Amazon.S3;
using Amazon.S3.Model;
using BatchKit.CloudFormation.Deploy;

namespace BatchKit.CloudFormation.Resources;

/// <summary>
/// AWS::S3::Bucket: the bucket, its versioning and lifecycle configuration (<see cref="BucketConfiguration"/>) and its
/// Lambda notifications. A bucket the emulator still holds from an earlier run (S3 is the one service it keeps on disk)
/// is adopted, and a rollback leaves it.
/// https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-s3-bucket.html
/// </summary>
internal sealed class BucketProvisioner : ResourceProvisioner
{
    public override string Type => "AWS::S3::Bucket";

    public override IReadOnlySet<string> Attributes { get; } = Set("Arn", "DomainName", "RegionalDomainName", "DualStackDomainName", "WebsiteURL");

    protected override IReadOnlySet<string> AppliedProperties { get; } =
        Set("BucketName", "NotificationConfiguration", "VersioningConfiguration", "LifecycleConfiguration");

    public override async Task<DeployedResource> CreateAsync(ResourceRequest request, CancellationToken cancellationToken)
    {
        var name = request.Name("BucketName", 63, lowercase: true);
        var s3 = request.Context.Clients.S3;
        var preexisting = false;
        try
        {
            await s3.PutBucketAsync(name, cancellationToken).ConfigureAwait(false);
        }
        catch (AmazonS3Exception e) when (e.ErrorCode == "BucketAlreadyOwnedByYou" || e.StatusCode == HttpStatusCode.Conflict)
        {
            preexisting = true;
        }

        await BucketConfiguration.ApplyAsync(request, s3, name, cancellationToken).ConfigureAwait(false);
        await PutNotificationsAsync(request, name, cancellationToken).ConfigureAwait(false);
        return request.Deployed(name, AttributesOf(request, name), preexisting: preexisting);
    }

    public override async Task<DeployedResource> UpdateAsync(ResourceRequest request, DeployedResource current, CancellationToken cancellationToken)
    {
        var name = request.Name("BucketName", 63, lowercase: true);
        if (name != current.PhysicalId || !await BucketExistsAsync(request.Context.Clients.S3, name, cancellationToken).ConfigureAwait(false))
        {
            return await CreateAsync(request, cancellationToken).ConfigureAwait(false);
        }

        await BucketConfiguration.ApplyAsync(request, request.Context.Clients.S3, name, cancellationToken).ConfigureAwait(false);
        await PutNotificationsAsync(request, name, cancellationToken).ConfigureAwait(false);
        return request.Deployed(name, AttributesOf(request, name), preexisting: current.Preexisting);
    }

    /// <summary>The bucket, and as many Lambda notifications as the template has (an emulator restart keeps objects, not notifications).</summary>
    public override async Task<bool> ExistsAsync(DeployedResource current, DeployContext context, CancellationToken cancellationToken)
    {
        if (!await BucketExistsAsync(context.Clients.S3, current.PhysicalId, cancellationToken).ConfigureAwait(false))
        {
            return false;
        }

        var expected = (current.Properties["NotificationConfiguration"]?["LambdaConfigurations"] as JsonArray)?.Count ?? 0;
        var actual = await context.Clients.S3.GetBucketNotificationAsync(current.PhysicalId, cancellationToken).ConfigureAwait(false);
        return (actual.LambdaFunctionConfigurations?.Count ?? 0) == expected;
    }

    /// <summary>Fails on a bucket that still holds objects, as CloudFormation's delete does.</summary>
    public override Task DeleteAsync(DeployedResource current, DeployContext context, CancellationToken cancellationToken) =>
        context.Clients.S3.DeleteBucketAsync(current.PhysicalId, cancellationToken);

    public override IEnumerable<string> NotEmulated(JsonObject properties)
    {
        var notifications = properties["NotificationConfiguration"] as JsonObject ?? [];
        var otherNotifications = notifications.Select(n => n.Key).Where(k => k != "LambdaConfigurations").Select(k => "NotificationConfiguration." + k);
        return base.NotEmulated(properties).Concat(otherNotifications);
    }

    /// <summary>GetBucketLocation answers for a bucket that exists, NoSuchBucket for one that does not.</summary>
    private static async Task<bool> BucketExistsAsync(AmazonS3Client s3, string bucket, CancellationToken cancellationToken)
    {
        try
        {
            await s3.GetBucketLocationAsync(bucket, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (AmazonS3Exception e) when (e.ErrorCode == "NoSuchBucket" || e.StatusCode == HttpStatusCode.NotFound)
        {
            return false;
        }
    }

    private static async Task PutNotificationsAsync(ResourceRequest request, string bucket, CancellationToken cancellationToken)
    {
        var configurations = new List<LambdaFunctionConfiguration>();
        foreach (var (item, index) in (request.Properties["NotificationConfiguration"]?["LambdaConfigurations"] as JsonArray ?? []).Select((c, i) => (c, i)))
        {
            var rules = (item?["Filter"]?["S3Key"]?["Rules"] as JsonArray ?? [])
                .Select(r => new FilterRule((string?)r?["Name"], (string?)r?["Value"])).ToList();
            var where = $"NotificationConfiguration.LambdaConfigurations[{index}]";
            configurations.Add(new LambdaFunctionConfiguration
            {
                Id = $"{request.LogicalId}-{index}",
                FunctionArn = (string?)item?["Function"] ?? throw request.Error($"{where} has no Function"),
                Events = [new EventType((string?)item!["Event"] ?? throw request.Error($"{where} has no Event"))],
                Filter = rules.Count == 0 ? null : new Filter { S3KeyFilter = new S3KeyFilter { FilterRules = rules } },
            });
        }

        await request.Context.Clients.S3.PutBucketNotificationAsync(
            new PutBucketNotificationRequest { BucketName = bucket, LambdaFunctionConfigurations = configurations }, cancellationToken).ConfigureAwait(false);
    }

    private static Dictionary<string, string> AttributesOf(ResourceRequest request, string name)
    {
        var pseudo = request.Context.Pseudo;
        return new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["Arn"] = $"arn:{pseudo.Partition}:s3:::{name}",
            ["DomainName"] = $"{name}.s3.{pseudo.UrlSuffix}",
            ["RegionalDomainName"] = $"{name}.s3.{pseudo.Region}.{pseudo.UrlSuffix}",
            ["DualStackDomainName"] = $"{name}.s3.dualstack.{pseudo.Region}.{pseudo.UrlSuffix}",
            ["WebsiteURL"] = $"http://{name}.s3-website-{pseudo.Region}.{pseudo.UrlSuffix}",
        };
    }
}
