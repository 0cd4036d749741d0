namespace BatchKit.CloudFormation.Template;

/// <summary>
/// A template BatchKit cannot deploy, or a deploy that failed: the message names the resource (logical id and type)
/// when there is one, the way CloudFormation's stack events do.
/// </summary>
public sealed class TemplateException : Exception
{
    public TemplateException(string message)
        : base(message)
    {
    }

    public TemplateException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public TemplateException()
    {
    }

    /// <summary>An error about one resource: "resource Bucket (AWS::S3::Bucket): ...".</summary>
    public static TemplateException About(string logicalId, string type, string problem, Exception? inner = null)
    {
        var message = $"resource {logicalId} ({type}): {problem}";
        return inner is null ? new TemplateException(message) { LogicalId = logicalId, ResourceType = type } : new TemplateException(message, inner) { LogicalId = logicalId, ResourceType = type };
    }

    public string? LogicalId { get; private init; }

    public string? ResourceType { get; private init; }
}
