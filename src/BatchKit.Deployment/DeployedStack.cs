using BatchKit.CloudFormation.Deploy;
using BatchKit.Contracts.Stack;
using BatchKit.Contracts;

namespace BatchKit.Deployment;

/// <summary>
/// A deployed BatchKit stack as its outputs describe it (<see cref="StackOutputNames"/>): what the CLI and the tests
/// need next, read the same way whether the local deploy or <c>cdk deploy --outputs-file</c> wrote them.
/// </summary>
public sealed record DeployedStack(string StackName, IReadOnlyDictionary<string, string> Outputs)
{
    public string Bucket => Output(StackOutputNames.BucketName);

    public string StateMachineArn => Output(StackOutputNames.StateMachineArn);

    public string UploadFunctionName => Output(StackOutputNames.UploadFunctionName);

    public string SummaryFunctionName => Output(StackOutputNames.SummaryFunctionName);

    public string ClusterArn => Output(StackOutputNames.ClusterArn);

    public string TaskDefinitionArn => Output(StackOutputNames.TaskDefinitionArn);

    public string SlackConnectionArn => Output(StackOutputNames.SlackConnectionArn);

    /// <summary>The stack in an outputs file; <see cref="InvalidDataException"/> naming the file when it is not one.</summary>
    public static DeployedStack Read(string outputsFile, string? stackName = null)
    {
        var (name, outputs) = StackOutputsFile.Read(outputsFile, stackName);
        string[] required =
            [StackOutputNames.BucketName, StackOutputNames.StateMachineArn, StackOutputNames.UploadFunctionName, StackOutputNames.SummaryFunctionName];
        var missing = string.Join(", ", required.Where(k => !outputs.ContainsKey(k)));
        return missing.Length == 0
            ? new DeployedStack(name, outputs)
            : throw new InvalidDataException($"{outputsFile}: the stack {name} has no output {missing} (deployed from an older template? deploy again)");
    }

    private string Output(string key) =>
        Outputs.TryGetValue(key, out var value)
            ? value
            : throw new InvalidDataException($"the stack {StackName} has no output {key}: deploy it again from the current template");
}
