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
        var exception = inner is null ? new TemplateException(message) : new TemplateException(message, inner);
        exception.LogicalId = logicalId;
        exception.ResourceType = type;
        return exception;
    }

    public string? LogicalId { get; private set; }

    public string? ResourceType { get; private set; }
}
