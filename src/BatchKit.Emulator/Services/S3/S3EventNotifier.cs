using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using BatchKit.Emulator.Services.Lambda;
using BatchKit.Emulator.Storage;

namespace BatchKit.Emulator.Services.S3;

/// <summary>
/// Delivers S3 event notifications to Lambda as S3 does: one asynchronous invocation per matching configuration,
/// with the event message structure version 2.1 and the object key URL-encoded (a space becomes <c>+</c>).
/// https://docs.aws.amazon.com/AmazonS3/latest/userguide/notification-content-structure.html
/// </summary>
internal sealed class S3EventNotifier(EmulatorOptions options, DataDirectory data, LambdaProvider lambda, TimeProvider time)
{
    /// <summary>Each bucket's configuration, kept in the data directory: after a restart uploads trigger what they did before.</summary>
    private readonly RecordTable<S3NotificationConfiguration> _configurations = new(data, "s3-notifications");
    private long _sequencer = time.GetUtcNow().ToUnixTimeMilliseconds() << 16;

    public S3NotificationConfiguration Get(string bucket) => _configurations.GetValueOrDefault(bucket) ?? S3NotificationConfiguration.Empty;

    /// <summary>S3 checks every destination when the configuration is put; so does the emulator.</summary>
    public void Put(string bucket, S3NotificationConfiguration configuration)
    {
        var missing = configuration.Targets.Where(t => !lambda.TryRuntime(t.FunctionArn, null, out _, out _)).Select(t => t.FunctionArn).ToList();
        if (missing.Count > 0)
        {
            throw S3Errors.InvalidArgument(
                $"Unable to validate the following destination configurations: {string.Join(", ", missing)} (no such Lambda function)");
        }

        _configurations[bucket] = configuration;
    }

    public void Remove(string bucket) => _configurations.TryRemove(bucket, out _);

    public void Notify(string bucket, string eventName, string key, long size, string eTag, string sourceIp)
    {
        if (!_configurations.TryGetValue(bucket, out var configuration))
        {
            return;
        }

        foreach (var target in configuration.Targets.Where(t => t.Matches(eventName, key)))
        {
            if (!lambda.TryRuntime(target.FunctionArn, null, out var runtime, out _))
            {
                continue; // the function was deleted after the configuration was put: S3 drops the event too
            }

            var message = Event(bucket, eventName, key, size, eTag, sourceIp, target.Id);
            lambda.Async.Enqueue(runtime, Encoding.UTF8.GetBytes(message.ToJsonString()));
        }
    }

    private JsonObject Event(string bucket, string eventName, string key, long size, string eTag, string sourceIp, string configurationId)
    {
        var objectNode = new JsonObject
        {
            ["key"] = EncodeKey(key),
            ["size"] = size,
            ["eTag"] = eTag.Trim('"'),
            ["sequencer"] = Interlocked.Increment(ref _sequencer).ToString("X16", CultureInfo.InvariantCulture),
        };
        if (eventName.StartsWith("ObjectRemoved", StringComparison.Ordinal))
        {
            objectNode.Remove("size");
            objectNode.Remove("eTag");
        }

        return new JsonObject
        {
            ["Records"] = new JsonArray(new JsonObject
            {
                ["eventVersion"] = "2.1",
                ["eventSource"] = "aws:s3",
                ["awsRegion"] = options.Region,
                ["eventTime"] = S3Xml.Iso(time.GetUtcNow()),
                ["eventName"] = eventName,
                ["userIdentity"] = new JsonObject { ["principalId"] = "AWS:" + options.AccountId },
                ["requestParameters"] = new JsonObject { ["sourceIPAddress"] = sourceIp },
                ["responseElements"] = new JsonObject
                {
                    ["x-amz-request-id"] = Guid.NewGuid().ToString("N")[..16].ToUpperInvariant(),
                    ["x-amz-id-2"] = Guid.NewGuid().ToString("N"),
                },
                ["s3"] = new JsonObject
                {
                    ["s3SchemaVersion"] = "1.0",
                    ["configurationId"] = configurationId,
                    ["bucket"] = new JsonObject
                    {
                        ["name"] = bucket,
                        ["ownerIdentity"] = new JsonObject { ["principalId"] = options.AccountId },
                        ["arn"] = "arn:aws:s3:::" + bucket,
                    },
                    ["object"] = objectNode,
                },
            }),
        };
    }

    /// <summary>
    /// The key as S3 writes it into events: form-URL-encoded UTF-8 (space as <c>+</c>), with <c>/</c> kept, so a
    /// handler must decode it (<c>+</c> first) before using it as a key.
    /// </summary>
    public static string EncodeKey(string key)
    {
        var builder = new StringBuilder(key.Length);
        foreach (var b in Encoding.UTF8.GetBytes(key))
        {
            var c = (char)b;
            if (char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '*' or '/')
            {
                builder.Append(c);
            }
            else if (c == ' ')
            {
                builder.Append('+');
            }
            else
            {
                builder.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
            }
        }

        return builder.ToString();
    }
}
