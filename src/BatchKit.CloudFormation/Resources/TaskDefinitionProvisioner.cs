using System.Text.Json.Nodes;
using BatchKit.Aws;
using BatchKit.Aws.Ecs;
using BatchKit.CloudFormation.Deploy;
using BatchKit.CloudFormation.Template;

namespace BatchKit.CloudFormation.Resources;

/// <summary>
/// AWS::ECS::TaskDefinition: RegisterTaskDefinition with the template's family, cpu, memory, network mode, roles and
/// containers. A task definition is immutable, so an update registers a new revision (a new physical id, the ARN) and
/// the old one is deregistered once the deploy has succeeded. An image built from a Docker image asset becomes the
/// local image <see cref="DeploymentSettings.LocalImages"/> names for its Dockerfile.
/// https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-ecs-taskdefinition.html
/// </summary>
internal sealed class TaskDefinitionProvisioner : ResourceProvisioner
{
    private static readonly IReadOnlySet<string> ContainerProperties = Set("Name", "Image", "Essential", "Environment", "Command", "LogConfiguration");

    public override string Type => "AWS::ECS::TaskDefinition";

    public override IReadOnlySet<string> Attributes { get; } = Set("TaskDefinitionArn");

    protected override IReadOnlySet<string> AppliedProperties { get; } = Set(
        "Family", "ContainerDefinitions", "Cpu", "Memory", "NetworkMode", "RequiresCompatibilities", "ExecutionRoleArn", "TaskRoleArn");

    public override async Task<DeployedResource> CreateAsync(ResourceRequest request, CancellationToken cancellationToken)
    {
        var registered = (await request.Context.Clients.Ecs.RegisterTaskDefinitionAsync(new RegisterTaskDefinitionRequest
        {
            Family = request.Name("Family", 255),
            ContainerDefinitions = [.. Containers(request.Resource, request.Properties).Select(c => Container(request, c))],
            Cpu = request.Text("Cpu"),
            Memory = request.Text("Memory"),
            NetworkMode = request.Text("NetworkMode"),
            RequiresCompatibilities = (request.Properties["RequiresCompatibilities"] as JsonArray)?.Select(c => (string)c!).ToList(),
            ExecutionRoleArn = request.Text("ExecutionRoleArn"),
            TaskRoleArn = request.Text("TaskRoleArn"),
        }, cancellationToken).ConfigureAwait(false)).TaskDefinition;
        var arn = registered.TaskDefinitionArn;
        return request.Deployed(arn, new Dictionary<string, string>(StringComparer.Ordinal) { ["TaskDefinitionArn"] = arn });
    }

    public override Task<DeployedResource> UpdateAsync(ResourceRequest request, DeployedResource current, CancellationToken cancellationToken) =>
        CreateAsync(request, cancellationToken);

    public override async Task<bool> ExistsAsync(DeployedResource current, DeployContext context, CancellationToken cancellationToken)
    {
        try
        {
            return (await context.Clients.Ecs.DescribeTaskDefinitionAsync(current.PhysicalId, cancellationToken).ConfigureAwait(false)).Status != "INACTIVE";
        }
        catch (AwsServiceException e) when (e.ErrorCode == "ClientException")
        {
            return false;
        }
    }

    public override async Task DeleteAsync(DeployedResource current, DeployContext context, CancellationToken cancellationToken)
    {
        try
        {
            await context.Clients.Ecs.DeregisterTaskDefinitionAsync(current.PhysicalId, cancellationToken).ConfigureAwait(false);
        }
        catch (AwsServiceException e) when (e.ErrorCode == "ClientException")
        {
            // Already gone (an emulator restart): what a delete wants.
        }
    }

    /// <summary>Every container's image must have a local image when it is an asset: checked before anything is deployed.</summary>
    public override void Validate(TemplateResource resource, Func<JsonNode?, JsonNode?> resolve, DeployContext context)
    {
        foreach (var container in Containers(resource, resource.Properties))
        {
            if (resolve(container["Image"]) is JsonValue image)
            {
                _ = ContainerImages.Local(resource, (string)image!, context);
            }
        }
    }

    public override IEnumerable<string> NotEmulated(JsonObject properties) => base.NotEmulated(properties).Concat(
        (properties["ContainerDefinitions"] as JsonArray ?? []).OfType<JsonObject>()
            .SelectMany(c => c.Select(p => p.Key)).Where(k => !ContainerProperties.Contains(k)).Distinct().Select(k => "ContainerDefinitions[]." + k));

    private static LogConfiguration LogConfigurationOf(JsonObject log) =>
        new((string)log["LogDriver"]!, (log["Options"] as JsonObject)?.ToDictionary(o => o.Key, o => (string)o.Value!, StringComparer.Ordinal));

    private static IEnumerable<JsonObject> Containers(TemplateResource resource, JsonObject properties) =>
        (properties["ContainerDefinitions"] as JsonArray ?? throw resource.Error("ContainerDefinitions is required"))
            .Select(c => c as JsonObject ?? throw resource.Error("every ContainerDefinitions item must be an object"));

    private static ContainerDefinition Container(ResourceRequest request, JsonObject container) => new()
    {
        Name = (string?)container["Name"] ?? throw request.Error("every container needs a Name"),
        Image = ContainerImages.Local(request.Resource, (string?)container["Image"] ?? throw request.Error("every container needs an Image"), request.Context),
        Essential = container["Essential"] is JsonValue essential ? essential.GetValue<bool>() : null,
        Command = (container["Command"] as JsonArray)?.Select(c => (string)c!).ToList(),
        Environment = (container["Environment"] as JsonArray)?.Select(e => new EnvironmentVariable((string)e!["Name"]!, (string?)e["Value"] ?? "")).ToList(),
        LogConfiguration = container["LogConfiguration"] is JsonObject log ? LogConfigurationOf(log) : null,
    };
}
