using System.Text.Json;
using System.Text.Json.Nodes;
using BatchKit.CloudFormation.Deploy;

namespace BatchKit.CloudFormation.Resources;

/// <summary>
/// AWS::StepFunctions::StateMachine: the definition (DefinitionString, or Definition as JSON) with every
/// <c>${key}</c> of DefinitionSubstitutions replaced by its resolved value, as CloudFormation substitutes it: text for
/// text, before the definition is parsed. https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-stepfunctions-statemachine.html
/// </summary>
internal sealed class StateMachineProvisioner : ResourceProvisioner
{
    public override string Type => "AWS::StepFunctions::StateMachine";

    public override IReadOnlySet<string> Attributes { get; } = Set("Arn", "Name");

    protected override IReadOnlySet<string> AppliedProperties { get; } =
        Set("StateMachineName", "DefinitionString", "Definition", "DefinitionSubstitutions", "RoleArn");

    public override async Task<DeployedResource> CreateAsync(ResourceRequest request, CancellationToken cancellationToken)
    {
        var name = request.Name("StateMachineName", 80);
        var stepFunctions = request.Context.Clients.StepFunctions;
        var created = await stepFunctions.CreateStateMachineAsync(name, Definition(request), RoleArn(request), cancellationToken).ConfigureAwait(false);
        return Deployed(request, created.StateMachineArn, name);
    }

    public override async Task<DeployedResource> UpdateAsync(ResourceRequest request, DeployedResource current, CancellationToken cancellationToken)
    {
        var name = request.Name("StateMachineName", 80);
        var stepFunctions = request.Context.Clients.StepFunctions;
        var existing = await stepFunctions.DescribeStateMachineAsync(current.PhysicalId, cancellationToken).ConfigureAwait(false);
        if (name != current.Attributes["Name"] || existing is null)
        {
            return await CreateAsync(request, cancellationToken).ConfigureAwait(false);
        }

        await stepFunctions.UpdateStateMachineAsync(current.PhysicalId, Definition(request), RoleArn(request), cancellationToken).ConfigureAwait(false);
        return Deployed(request, current.PhysicalId, name);
    }

    public override async Task<bool> ExistsAsync(DeployedResource current, DeployContext context, CancellationToken cancellationToken) =>
        await context.Clients.StepFunctions.DescribeStateMachineAsync(current.PhysicalId, cancellationToken).ConfigureAwait(false) is not null;

    public override Task DeleteAsync(DeployedResource current, DeployContext context, CancellationToken cancellationToken) =>
        context.Clients.StepFunctions.DeleteStateMachineAsync(current.PhysicalId, cancellationToken);

    /// <summary>The definition with its substitutions made; a <c>${key}</c> without a substitution stays as written.</summary>
    internal static string Definition(ResourceRequest request)
    {
        var definition = request.Properties["DefinitionString"] is JsonValue text && text.GetValueKind() == JsonValueKind.String ? text.GetValue<string>()
            : request.Properties["Definition"] is JsonObject json ? json.ToJsonString()
            : throw request.Error("DefinitionString or Definition is required (DefinitionS3Location is not deployed locally)");
        foreach (var (key, value) in request.Properties["DefinitionSubstitutions"] as JsonObject ?? [])
        {
            var replacement = value is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>()
                : value is JsonValue scalar ? scalar.ToJsonString()
                : throw request.Error($"DefinitionSubstitutions.{key} must be a string, number or boolean");
            definition = definition.Replace("${" + key + "}", replacement, StringComparison.Ordinal);
        }

        return definition;
    }

    private static string RoleArn(ResourceRequest request) => request.Text("RoleArn") ?? throw request.Error("RoleArn is required");

    private static DeployedResource Deployed(ResourceRequest request, string arn, string name) =>
        request.Deployed(arn, new Dictionary<string, string>(StringComparer.Ordinal) { ["Arn"] = arn, ["Name"] = name });
}
