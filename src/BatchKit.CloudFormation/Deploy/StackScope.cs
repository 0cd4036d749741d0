using System.Text.Json.Nodes;
using BatchKit.CloudFormation.Intrinsics;
using BatchKit.CloudFormation.Resources;
using BatchKit.CloudFormation.Template;

namespace BatchKit.CloudFormation.Deploy;

/// <summary>
/// The stack's names as intrinsic functions see them: parameters (the deploy's values, else their defaults), pseudo
/// parameters, conditions (each evaluated once), and the resources deployed so far with their attributes.
/// </summary>
internal sealed class StackScope : IReferenceResolver
{
    private readonly StackTemplate _template;
    private readonly IReadOnlyDictionary<string, string> _parameters;
    private readonly ResourceProvisioners _provisioners;
    private readonly Dictionary<string, bool> _conditions = new(StringComparer.Ordinal);
    private readonly HashSet<string> _evaluating = new(StringComparer.Ordinal);

    public StackScope(StackTemplate template, PseudoParameters pseudo, IReadOnlyDictionary<string, string> parameters, ResourceProvisioners provisioners)
    {
        _template = template;
        Pseudo = pseudo;
        _parameters = parameters;
        _provisioners = provisioners;
        Resolver = new IntrinsicResolver(this);
    }

    public PseudoParameters Pseudo { get; }

    public IntrinsicResolver Resolver { get; }

    /// <summary>What has been deployed in this run so far (or is unchanged from the last), by logical id.</summary>
    public Dictionary<string, DeployedResource> Deployed { get; } = new(StringComparer.Ordinal);

    /// <summary>Logical ids whose resources are inactive (their Condition is false): a reference to one is an error.</summary>
    public HashSet<string> Inactive { get; } = new(StringComparer.Ordinal);

    public JsonNode Ref(string name)
    {
        if (Pseudo.Value(name) is { } pseudo)
        {
            return pseudo;
        }

        if (_template.Parameters.TryGetValue(name, out var parameter))
        {
            return ParameterValue(parameter);
        }

        return Resource(name).PhysicalId;
    }

    public JsonNode GetAtt(string logicalId, string attribute)
    {
        var resource = Resource(logicalId);
        return resource.Attributes.TryGetValue(attribute, out var value)
            ? value
            : throw TemplateException.About(
                logicalId, resource.Type, $"has no attribute {attribute} (Fn::GetAtt can read: {string.Join(", ", resource.Attributes.Keys)})");
    }

    public bool Condition(string name)
    {
        if (_conditions.TryGetValue(name, out var known))
        {
            return known;
        }

        var condition = _template.Conditions.GetValueOrDefault(name) ?? throw new TemplateException($"there is no condition named {name}");
        if (!_evaluating.Add(name))
        {
            throw new TemplateException($"condition {name} refers to itself");
        }

        try
        {
            return _conditions[name] = Resolver.Evaluate(condition);
        }
        catch (TemplateException e) when (!e.Message.StartsWith("condition ", StringComparison.Ordinal))
        {
            throw new TemplateException($"condition {name}: {e.Message}", e);
        }
        finally
        {
            _evaluating.Remove(name);
        }
    }

    /// <summary>Local stand-ins for a region's zones: Fn::GetAZs is only ever indexed into for subnets, which are recorded, not created.</summary>
    public IReadOnlyList<string> AvailabilityZones(string region)
    {
        var name = region.Length == 0 ? Pseudo.Region : region;
        return [name + "a", name + "b", name + "c"];
    }

    private DeployedResource Resource(string logicalId)
    {
        if (Deployed.TryGetValue(logicalId, out var resource))
        {
            return resource;
        }

        var declared = _template.Resource(logicalId)
            ?? throw new TemplateException($"{logicalId} is not a parameter, pseudo parameter or resource of the template");
        throw declared.Error(Inactive.Contains(logicalId)
            ? $"is referred to, but its condition {declared.Condition} is false, so it is not deployed"
            : "is referred to before it is deployed");
    }

    private JsonNode ParameterValue(TemplateParameter parameter)
    {
        var text = _parameters.TryGetValue(parameter.Name, out var given) ? given : null;
        var value = text is not null ? JsonValue.Create(text) : parameter.Default?.DeepClone()
            ?? throw new TemplateException($"parameter {parameter.Name} has no value and no Default");
        if (parameter.IsSsmParameter && text is null)
        {
            throw new TemplateException($"parameter {parameter.Name} ({parameter.Type}) is read from SSM ({value.ToJsonString()}) by CloudFormation; "
                + "give it a value for a local deploy");
        }

        return parameter.IsList && value is JsonValue list ? new JsonArray([.. ((string)list!).Split(',').Select(v => (JsonNode?)v.Trim())]) : value;
    }

    /// <summary>Whether a name is a resource of the template (for references found before anything is deployed).</summary>
    public bool IsResource(string name) => _template.Resource(name) is not null;

    public ResourceProvisioner? ProvisionerFor(string type) => _provisioners.For(type);
}
