using System.Xml.Linq;

namespace BatchKit.Emulator.Services.S3;

/// <summary>
/// A bucket's event notifications to Lambda, as PutBucketNotificationConfiguration sends them (botocore flattens
/// LambdaFunctionConfigurations into <c>CloudFunctionConfiguration</c> elements whose ARN is <c>CloudFunction</c>).
/// https://docs.aws.amazon.com/AmazonS3/latest/API/API_PutBucketNotificationConfiguration.html
/// </summary>
internal sealed record S3NotificationConfiguration(IReadOnlyList<S3NotificationConfiguration.LambdaTarget> Targets)
{
    public static readonly S3NotificationConfiguration Empty = new([]);

    /// <summary>One Lambda destination: which events, and the key's prefix/suffix filter rules.</summary>
    internal sealed record LambdaTarget(string Id, string FunctionArn, IReadOnlyList<string> Events, string? Prefix, string? Suffix)
    {
        /// <summary>
        /// <c>s3:ObjectCreated:*</c> matches every created event; filters compare the raw (unencoded) key.
        /// https://docs.aws.amazon.com/AmazonS3/latest/userguide/notification-how-to-filtering.html
        /// </summary>
        public bool Matches(string eventName, string key) =>
            Events.Any(e => e == "s3:" + eventName
                || (e.EndsWith(":*", StringComparison.Ordinal) && ("s3:" + eventName).StartsWith(e[..^1], StringComparison.Ordinal)))
            && (Prefix is null || key.StartsWith(Prefix, StringComparison.Ordinal))
            && (Suffix is null || key.EndsWith(Suffix, StringComparison.Ordinal));
    }

    public static S3NotificationConfiguration Parse(XDocument document)
    {
        var root = document.Root ?? throw S3Errors.MalformedXml("empty NotificationConfiguration");
        var unsupported = root.Elements().Select(e => e.Name.LocalName)
            .FirstOrDefault(n => n is "TopicConfiguration" or "QueueConfiguration" or "EventBridgeConfiguration");
        if (unsupported is not null)
        {
            throw S3Errors.InvalidArgument($"BatchKit's S3 emulation delivers notifications to Lambda functions only; {unsupported} is not supported.");
        }

        var targets = new List<LambdaTarget>();
        foreach (var configuration in root.Elements().Where(e => e.Name.LocalName is "CloudFunctionConfiguration" or "LambdaFunctionConfiguration"))
        {
            var arn = Child(configuration, "CloudFunction") ?? Child(configuration, "LambdaFunctionArn")
                ?? throw S3Errors.InvalidArgument("A Lambda notification needs the function's ARN (CloudFunction).");
            var events = configuration.Elements().Where(e => e.Name.LocalName == "Event").Select(e => e.Value.Trim()).ToList();
            if (events.Count == 0 || events.Any(e => !e.StartsWith("s3:", StringComparison.Ordinal)))
            {
                throw S3Errors.InvalidArgument($"The notification for {arn} needs events like s3:ObjectCreated:*.");
            }

            string? prefix = null, suffix = null;
            var rules = configuration.Elements().Where(e => e.Name.LocalName == "Filter").Elements().Where(e => e.Name.LocalName == "S3Key")
                .Elements().Where(e => e.Name.LocalName == "FilterRule");
            foreach (var rule in rules)
            {
                var value = Child(rule, "Value") ?? "";
                switch (Child(rule, "Name")?.ToLowerInvariant())
                {
                    case "prefix":
                        prefix = value;
                        break;
                    case "suffix":
                        suffix = value;
                        break;
                    default:
                        throw S3Errors.InvalidArgument($"FilterRule Name must be prefix or suffix, got '{Child(rule, "Name")}'.");
                }
            }

            targets.Add(new LambdaTarget(Child(configuration, "Id") ?? Guid.NewGuid().ToString(), arn, events, prefix, suffix));
        }

        return new S3NotificationConfiguration(targets);
    }

    public XElement ToXml() => S3Xml.E("NotificationConfiguration", Targets.Select(t => S3Xml.E("CloudFunctionConfiguration",
        S3Xml.E("Id", t.Id),
        S3Xml.E("CloudFunction", t.FunctionArn),
        t.Events.Select(e => S3Xml.E("Event", e)),
        t.Prefix is null && t.Suffix is null ? null : S3Xml.E("Filter", S3Xml.E("S3Key",
            t.Prefix is null ? null : S3Xml.E("FilterRule", S3Xml.E("Name", "prefix"), S3Xml.E("Value", t.Prefix)),
            t.Suffix is null ? null : S3Xml.E("FilterRule", S3Xml.E("Name", "suffix"), S3Xml.E("Value", t.Suffix)))))));

    private static string? Child(XElement element, string name) => element.Elements().FirstOrDefault(e => e.Name.LocalName == name)?.Value.Trim();
}
