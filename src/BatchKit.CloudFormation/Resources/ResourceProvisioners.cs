namespace BatchKit.CloudFormation.Resources;

/// <summary>Every resource type the deployer knows: those it emulates, and those it accepts and records.</summary>
internal sealed class ResourceProvisioners
{
    private readonly Dictionary<string, ResourceProvisioner> _byType;

    public ResourceProvisioners(IEnumerable<ResourceProvisioner> provisioners) =>
        _byType = provisioners.ToDictionary(p => p.Type, StringComparer.Ordinal);

    public static ResourceProvisioners Default { get; } = new([
        new BucketProvisioner(),
        new FunctionProvisioner(),
        new PermissionProvisioner(),
        new ParameterProvisioner(),
        new StateMachineProvisioner(),
        new ClusterProvisioner(),
        new TaskDefinitionProvisioner(),
        new ConnectionProvisioner(),
        new LogGroupProvisioner(),
        .. AcceptedResources.All(),
    ]);

    public IEnumerable<string> Types => _byType.Keys.Order(StringComparer.Ordinal);

    public ResourceProvisioner? For(string type) => _byType.GetValueOrDefault(type);
}
