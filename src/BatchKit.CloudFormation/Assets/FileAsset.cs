namespace BatchKit.CloudFormation.Assets;

/// <summary>
/// A file asset of the cloud assembly (a Lambda function's code directory, say): where <c>cdk synth</c> put it, and the
/// bucket and key the template names for it on AWS (with <c>${AWS::AccountId}</c>-style placeholders).
/// https://github.com/aws/aws-cdk/blob/main/packages/cdk-assets/README.md
/// </summary>
public sealed record FileAsset(string Hash, string SourcePath, string Packaging, string BucketName, string ObjectKey);
