using Amazon.SimpleSystemsManagement;
using Amazon.SimpleSystemsManagement.Model;
using BatchKit.CloudFormation.Deploy;

namespace BatchKit.CloudFormation.Resources;

/// <summary>
/// AWS::SSM::Parameter: PutParameter (String or StringList). Ref answers the name.
/// https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-ssm-parameter.html
/// </summary>
internal sealed class ParameterProvisioner : ResourceProvisioner
{
    public override string Type => "AWS::SSM::Parameter";

    public override IReadOnlySet<string> Attributes { get; } = Set("Type", "Value");

    protected override IReadOnlySet<string> AppliedProperties { get; } = Set("Name", "Value", "Type");

    public override Task<DeployedResource> CreateAsync(ResourceRequest request, CancellationToken cancellationToken) =>
        PutAsync(request, overwrite: false, cancellationToken);

    public override async Task<DeployedResource> UpdateAsync(ResourceRequest request, DeployedResource current, CancellationToken cancellationToken) =>
        await PutAsync(request, overwrite: Name(request) == current.PhysicalId, cancellationToken).ConfigureAwait(false);

    public override async Task<bool> ExistsAsync(DeployedResource current, DeployContext context, CancellationToken cancellationToken)
    {
        try
        {
            var response = await context.Clients.Ssm.GetParameterAsync(new GetParameterRequest { Name = current.PhysicalId }, cancellationToken)
                .ConfigureAwait(false);
            return response.Parameter.Value == current.Attributes["Value"];
        }
        catch (ParameterNotFoundException)
        {
            return false;
        }
    }

    public override async Task DeleteAsync(DeployedResource current, DeployContext context, CancellationToken cancellationToken)
    {
        try
        {
            await context.Clients.Ssm.DeleteParameterAsync(new DeleteParameterRequest { Name = current.PhysicalId }, cancellationToken).ConfigureAwait(false);
        }
        catch (ParameterNotFoundException)
        {
            // Already gone (an emulator restart): what a delete wants.
        }
    }

    /// <summary>CloudFormation names an unnamed parameter CFN-LogicalId-SUFFIX.</summary>
    private static string Name(ResourceRequest request) => request.Text("Name") ?? PhysicalNames.Generate("CFN", request.LogicalId, 128);

    private static async Task<DeployedResource> PutAsync(ResourceRequest request, bool overwrite, CancellationToken cancellationToken)
    {
        var name = Name(request);
        var type = request.Text("Type") ?? throw request.Error("Type is required (String or StringList)");
        if (type is not ("String" or "StringList"))
        {
            throw request.Error($"Type {type}: CloudFormation creates String and StringList parameters only");
        }

        var value = request.Text("Value") ?? throw request.Error("Value is required");
        var put = new PutParameterRequest { Name = name, Value = value, Type = ParameterType.FindValue(type), Overwrite = overwrite };
        await request.Context.Clients.Ssm.PutParameterAsync(put, cancellationToken).ConfigureAwait(false);
        return request.Deployed(name, new Dictionary<string, string>(StringComparer.Ordinal) { ["Type"] = type, ["Value"] = value });
    }
}
