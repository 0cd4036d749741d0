namespace BatchKit.CloudFormation.Deploy;

/// <summary>A deployed stack: its outputs (as <c>cdk deploy --outputs-file</c> writes them) and the report of what was done.</summary>
public sealed record DeployResult(string StackName, IReadOnlyDictionary<string, string> Outputs, DeployReport Report);
