namespace BatchKit.CloudFormation.Assets;

/// <summary>
/// A Docker image asset: its build context and Dockerfile, and the ECR repository and tag the template names for it
/// on AWS. Locally it maps to an image built (or a binary mapped) on this machine, by its Dockerfile.
/// </summary>
public sealed record ImageAsset(string Hash, string Directory, string DockerFile, string RepositoryName, string ImageTag);
