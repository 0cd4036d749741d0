using System.Globalization;
using System.Xml.Linq;
using BatchKit.Emulator.Protocol;

namespace BatchKit.Emulator.Services.S3;

/// <summary>
/// The checks S3 makes on a bucket configuration document before it stores it, with S3's codes: a document of the
/// wrong shape is MalformedXML, a value out of its range InvalidArgument, InvalidTag or InvalidRequest. The shapes and
/// limits are botocore's (VersioningConfiguration, Tagging, CORSConfiguration, BucketLifecycleConfiguration).
/// </summary>
internal static class S3BucketConfigurationRules
{
    private static readonly string[] CorsMethods = ["GET", "PUT", "POST", "DELETE", "HEAD"];
    private static readonly string[] LifecycleActions =
        ["Expiration", "Transition", "NoncurrentVersionExpiration", "NoncurrentVersionTransition", "AbortIncompleteMultipartUpload"];

    /// <summary>The document in the S3 namespace, checked; throws S3's error for a document S3 refuses.</summary>
    public static XElement Check(S3BucketSubresource subresource, XDocument document)
    {
        var root = Normalized(document.Root!);
        var expected = RootName(subresource);
        if (root.Name.LocalName != expected)
        {
            throw S3Errors.MalformedXml($"the root element must be {expected}, got {root.Name.LocalName}");
        }

        switch (subresource)
        {
            case S3BucketSubresource.Versioning:
                CheckVersioning(root);
                break;
            case S3BucketSubresource.Tagging:
                CheckTagging(root);
                break;
            case S3BucketSubresource.Cors:
                CheckCors(root);
                break;
            default:
                CheckLifecycle(root);
                break;
        }

        return root;
    }

    public static string RootName(S3BucketSubresource subresource) => subresource switch
    {
        S3BucketSubresource.Versioning => "VersioningConfiguration",
        S3BucketSubresource.Tagging => "Tagging",
        S3BucketSubresource.Cors => "CORSConfiguration",
        _ => "LifecycleConfiguration",
    };

    /// <summary>https://docs.aws.amazon.com/AmazonS3/latest/API/API_PutBucketVersioning.html: Status is Enabled or Suspended.</summary>
    private static void CheckVersioning(XElement root)
    {
        OneOf(root, "Status", required: true, "Enabled", "Suspended");
        OneOf(root, "MfaDelete", required: false, "Enabled", "Disabled");
    }

    /// <summary>https://docs.aws.amazon.com/AmazonS3/latest/API/API_PutBucketTagging.html and the tag limits of the user guide.</summary>
    private static void CheckTagging(XElement root)
    {
        var tagSet = Single(root, "TagSet") ?? throw S3Errors.MalformedXml("Tagging needs a TagSet");
        var tags = Children(tagSet, "Tag").ToList();
        if (tags.Count > 50)
        {
            throw InvalidTag($"Bucket tag count cannot be greater than 50 (got {tags.Count}).");
        }

        var keys = new HashSet<string>(StringComparer.Ordinal);
        foreach (var tag in tags)
        {
            var key = Single(tag, "Key")?.Value ?? throw S3Errors.MalformedXml("every Tag needs a Key");
            var value = Single(tag, "Value")?.Value ?? throw S3Errors.MalformedXml($"the Tag '{key}' needs a Value");
            if (key.Length is < 1 or > 128)
            {
                throw InvalidTag($"The TagKey you have provided is invalid: '{key}' must be 1 to 128 characters.");
            }

            if (value.Length > 256)
            {
                throw InvalidTag($"The TagValue you have provided is too long: the value of '{key}' has {value.Length} characters, at most 256.");
            }

            if (key.StartsWith("aws:", StringComparison.OrdinalIgnoreCase))
            {
                throw InvalidTag($"System tags cannot be added/updated by requester: '{key}'.");
            }

            if (!keys.Add(key))
            {
                throw InvalidTag($"Cannot provide multiple Tags with the same key: '{key}'.");
            }
        }
    }

    /// <summary>https://docs.aws.amazon.com/AmazonS3/latest/API/API_PutBucketCors.html: 1 to 100 rules, each with methods and origins.</summary>
    private static void CheckCors(XElement root)
    {
        var rules = Children(root, "CORSRule").ToList();
        if (rules.Count is < 1 or > 100)
        {
            throw S3Errors.MalformedXml($"a CORSConfiguration holds 1 to 100 CORSRule elements, got {rules.Count}");
        }

        foreach (var rule in rules)
        {
            var methods = Children(rule, "AllowedMethod").Select(m => m.Value).ToList();
            if (methods.Count == 0 || !Children(rule, "AllowedOrigin").Any())
            {
                throw S3Errors.MalformedXml("every CORSRule needs at least one AllowedMethod and one AllowedOrigin");
            }

            var unsupported = methods.FirstOrDefault(m => !CorsMethods.Contains(m, StringComparer.Ordinal));
            if (unsupported is not null)
            {
                throw new ServiceErrorException("InvalidRequest", $"Found unsupported HTTP method in CORS config. Unsupported method is {unsupported}", 400);
            }

            CheckId(rule);
            if (Single(rule, "MaxAgeSeconds") is { } maxAge && !int.TryParse(maxAge.Value, NumberStyles.None, CultureInfo.InvariantCulture, out _))
            {
                throw S3Errors.MalformedXml($"MaxAgeSeconds must be a whole number, got '{maxAge.Value}'");
            }
        }
    }

    /// <summary>
    /// https://docs.aws.amazon.com/AmazonS3/latest/API/API_PutBucketLifecycleConfiguration.html: 1 to 1,000 rules, each
    /// Enabled or Disabled, each with at least one action, IDs unique.
    /// </summary>
    private static void CheckLifecycle(XElement root)
    {
        var rules = Children(root, "Rule").ToList();
        if (rules.Count is < 1 or > 1000)
        {
            throw S3Errors.MalformedXml($"a LifecycleConfiguration holds 1 to 1000 Rule elements, got {rules.Count}");
        }

        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var rule in rules)
        {
            OneOf(rule, "Status", required: true, "Enabled", "Disabled");
            if (CheckId(rule) is { } id && !ids.Add(id))
            {
                throw S3Errors.InvalidArgument($"Rule ID must be unique. Found same ID for more than one rule: '{id}'.");
            }

            if (!rule.Elements().Any(e => LifecycleActions.Contains(e.Name.LocalName, StringComparer.Ordinal)))
            {
                throw new ServiceErrorException("InvalidRequest", "At least one action needs to be specified in a rule", 400);
            }

            foreach (var days in rule.Elements().Where(e => e.Name.LocalName is "Expiration" or "Transition").SelectMany(e => Children(e, "Days")))
            {
                if (!int.TryParse(days.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n < 1)
                {
                    throw S3Errors.InvalidArgument($"'Days' for {days.Parent!.Name.LocalName} action must be a positive integer, got '{days.Value}'.");
                }
            }
        }
    }

    private static string? CheckId(XElement rule)
    {
        var id = Single(rule, "ID")?.Value;
        return id is { Length: > 255 } ? throw S3Errors.InvalidArgument($"ID length should not exceed allowed limit of 255 (got {id.Length}).") : id;
    }

    private static void OneOf(XElement parent, string name, bool required, params string[] allowed)
    {
        var element = Single(parent, name);
        if (element is null ? required : !allowed.Contains(element.Value, StringComparer.Ordinal))
        {
            throw S3Errors.MalformedXml($"{parent.Name.LocalName}.{name} must be one of {string.Join(", ", allowed)}, got '{element?.Value}'");
        }
    }

    private static XElement? Single(XElement parent, string name)
    {
        var matches = Children(parent, name).Take(2).ToList();
        return matches.Count > 1 ? throw S3Errors.MalformedXml($"{parent.Name.LocalName} has more than one {name}") : matches.FirstOrDefault();
    }

    private static IEnumerable<XElement> Children(XElement parent, string name) => parent.Elements().Where(e => e.Name.LocalName == name);

    private static ServiceErrorException InvalidTag(string message) => new("InvalidTag", message, 400);

    /// <summary>Clients send the document with or without S3's namespace; it is stored and answered in it.</summary>
    private static XElement Normalized(XElement element) =>
        new(S3Xml.Ns + element.Name.LocalName, element.HasElements ? element.Elements().Select(Normalized) : element.Value);
}
