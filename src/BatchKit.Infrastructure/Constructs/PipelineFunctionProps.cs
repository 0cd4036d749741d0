using Amazon.CDK;
using Amazon.CDK.AWS.Lambda;
using Amazon.CDK.AWS.SQS;

namespace BatchKit.Infrastructure.Constructs;

/// <summary>What differs between the functions that run the upload handler's binary.</summary>
internal sealed record PipelineFunctionProps(Code Code, string Handler, string Description, double MemorySize, Duration Timeout, int LogRetentionDays)
{
    /// <summary>Where asynchronous invocations that still fail after Lambda's retries go; null for synchronous callers.</summary>
    public IQueue? DeadLetterQueue { get; init; }
}
