using Amazon.CDK.AWS.S3;

namespace BatchKit.Infrastructure.Constructs;

/// <summary>Everything the sales-batch definition's placeholders point at.</summary>
internal sealed record SalesBatchWorkflowProps(
    BatchKitSettings Settings,
    ResourceNames Names,
    IBucket Bucket,
    Network Network,
    WorkerCluster Worker,
    SummaryFunction Summary,
    SlackConnection Slack);
