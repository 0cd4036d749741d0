using BatchKit.CloudFormation.Resources;
using BatchKit.CloudFormation.Template;

namespace BatchKit.CloudFormation.Planning;

/// <summary>
/// What a deploy does, decided before anything is touched: the active resources in dependency order (with what each
/// depends on), and the resources of the last deploy that left the template, in the order to delete them.
/// </summary>
internal sealed record DeploymentPlan(
    IReadOnlyList<TemplateResource> Order,
    IReadOnlyDictionary<string, IReadOnlySet<string>> Dependencies,
    IReadOnlyList<DeployedResource> Removed);
