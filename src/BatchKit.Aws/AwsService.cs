namespace BatchKit.Aws;

/// <summary>
/// What identifies a JSON-protocol service on the wire: its SDK service id (for <c>AWS_ENDPOINT_URL_&lt;ID&gt;</c>),
/// signing name, endpoint prefix, X-Amz-Target prefix and JSON version (botocore's service-2.json metadata).
/// </summary>
public sealed record AwsService(string ServiceId, string SigningName, string EndpointPrefix, string TargetPrefix, string JsonVersion)
{
    /// <summary>botocore stepfunctions/2016-11-23: serviceId "SFN", signingName "states", jsonVersion 1.0.</summary>
    public static AwsService StepFunctions { get; } = new("SFN", "states", "states", "AWSStepFunctions", "1.0");

    /// <summary>botocore ecs/2014-11-13: serviceId "ECS", jsonVersion 1.1.</summary>
    public static AwsService Ecs { get; } = new("ECS", "ecs", "ecs", "AmazonEC2ContainerServiceV20141113", "1.1");

    /// <summary>botocore events/2015-10-07: serviceId "EventBridge", signingName "events", jsonVersion 1.1.</summary>
    public static AwsService EventBridge { get; } = new("EventBridge", "events", "events", "AWSEvents", "1.1");

    /// <summary>botocore s3/2006-03-01: serviceId "S3", REST-XML (no target prefix); a thin client reads objects (S3Client).</summary>
    public static AwsService S3 { get; } = new("S3", "s3", "s3", "", "");

    /// <summary>botocore lambda/2015-03-31: serviceId "Lambda", REST-JSON (no target prefix).</summary>
    public static AwsService Lambda { get; } = new("Lambda", "lambda", "lambda", "", "");

    /// <summary>botocore logs/2014-03-28: serviceId "CloudWatch Logs", signingName "logs", target prefix Logs_20140328, jsonVersion 1.1.</summary>
    public static AwsService Logs { get; } = new("CloudWatch Logs", "logs", "logs", "Logs_20140328", "1.1");

    /// <summary>botocore sesv2/2019-09-27: serviceId "SESv2", signingName "ses", endpointPrefix "email", REST-JSON.</summary>
    public static AwsService SesV2 { get; } = new("SESv2", "ses", "email", "", "");
}
