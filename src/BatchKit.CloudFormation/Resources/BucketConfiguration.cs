using System.Globalization;
using System.Text.Json.Nodes;
using Amazon.S3;
using Amazon.S3.Model;

namespace BatchKit.CloudFormation.Resources;

/// <summary>
/// AWS::S3::Bucket's VersioningConfiguration and LifecycleConfiguration, put through the S3 API as CloudFormation does
/// (PutBucketVersioning, PutBucketLifecycleConfiguration; a lifecycle configuration removed from the template is
/// deleted). The emulator stores both with the bucket; it keeps one version of each object and expires nothing.
/// https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-properties-s3-bucket-lifecycleconfig.html
/// </summary>
internal static class BucketConfiguration
{
    public static async Task ApplyAsync(ResourceRequest request, IAmazonS3 s3, string bucket, CancellationToken cancellationToken)
    {
        if (request.Properties["VersioningConfiguration"]?["Status"]?.GetValue<string>() is { } status)
        {
            await s3.PutBucketVersioningAsync(new PutBucketVersioningRequest
            {
                BucketName = bucket, VersioningConfig = new S3BucketVersioningConfig { Status = new VersionStatus(status) },
            }, cancellationToken).ConfigureAwait(false);
        }

        if (request.Properties["LifecycleConfiguration"]?["Rules"] is JsonArray rules)
        {
            var configuration = new LifecycleConfiguration { Rules = [.. rules.Select((r, i) => Rule(request, r as JsonObject, i))] };
            var put = new PutLifecycleConfigurationRequest { BucketName = bucket, Configuration = configuration };
            await s3.PutLifecycleConfigurationAsync(put, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            var delete = new DeleteLifecycleConfigurationRequest { BucketName = bucket };
            await s3.DeleteLifecycleConfigurationAsync(delete, cancellationToken).ConfigureAwait(false);
        }
    }

    private static LifecycleRule Rule(ResourceRequest request, JsonObject? rule, int index)
    {
        var where = $"LifecycleConfiguration.Rules[{index}]";
        _ = rule ?? throw request.Error($"{where} is not an object");
        var noncurrentDays = Days(rule["NoncurrentVersionExpiration"]?["NoncurrentDays"]) ?? Days(rule["NoncurrentVersionExpirationInDays"]);
        return new LifecycleRule
        {
            Id = rule["Id"]?.GetValue<string>(),
            Status = new LifecycleRuleStatus(rule["Status"]?.GetValue<string>() ?? throw request.Error($"{where} has no Status")),
            Filter = new LifecycleFilter { LifecycleFilterPredicate = new LifecyclePrefixPredicate { Prefix = rule["Prefix"]?.GetValue<string>() ?? "" } },
            Expiration = Days(rule["ExpirationInDays"]) is { } days ? new LifecycleRuleExpiration { Days = days } : null,
            NoncurrentVersionExpiration = noncurrentDays is { } n ? new LifecycleRuleNoncurrentVersionExpiration { NoncurrentDays = n } : null,
            AbortIncompleteMultipartUpload = Days(rule["AbortIncompleteMultipartUpload"]?["DaysAfterInitiation"]) is { } abort
                ? new LifecycleRuleAbortIncompleteMultipartUpload { DaysAfterInitiation = abort }
                : null,
            Transitions = rule["Transitions"] is JsonArray transitions
                ? [.. transitions.Select(Transition)]
                : null,
        };
    }

    private static LifecycleTransition Transition(JsonNode? transition) =>
        new() { Days = Days(transition?["TransitionInDays"]), StorageClass = new S3StorageClass(transition?["StorageClass"]?.GetValue<string>()) };

    /// <summary>A day count as the template holds it: a number, or a string CDK wrote (templates carry both).</summary>
    private static int? Days(JsonNode? node) => node switch
    {
        JsonValue value when value.TryGetValue<int>(out var number) => number,
        JsonValue value when value.TryGetValue<string>(out var text) && int.TryParse(text, CultureInfo.InvariantCulture, out var parsed) => parsed,
        _ => null,
    };
}
