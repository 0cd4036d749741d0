namespace BatchKit.Infrastructure;

/// <summary>Where the Fargate tasks run, and how they reach S3, ECR, CloudWatch Logs and Step Functions.</summary>
internal enum NetworkMode
{
    /// <summary>Public subnets and a public IP per task: no NAT gateway to pay for (the default).</summary>
    Public,

    /// <summary>Isolated private subnets: an S3 gateway endpoint plus interface endpoints for ECR, Logs and Step Functions.</summary>
    Private,
}
