using System.Text.Json.Nodes;

namespace BatchKit.CloudFormation.Intrinsics;

/// <summary>What Ref, Fn::GetAtt and the Condition references resolve against (the stack being deployed, or a test's).</summary>
internal interface IReferenceResolver
{
    /// <summary>A parameter's value, a pseudo parameter's, or a resource's physical id; throws when there is none.</summary>
    JsonNode Ref(string name);

    /// <summary>A resource's attribute; throws naming the resource and attribute when it has none.</summary>
    JsonNode GetAtt(string logicalId, string attribute);

    /// <summary>The value of a named condition of the Conditions section.</summary>
    bool Condition(string name);

    /// <summary>The Availability Zones Fn::GetAZs answers for a region ("" is the stack's).</summary>
    IReadOnlyList<string> AvailabilityZones(string region);
}
