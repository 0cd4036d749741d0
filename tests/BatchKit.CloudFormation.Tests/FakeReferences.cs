using System.Text.Json.Nodes;
using BatchKit.CloudFormation.Intrinsics;
using BatchKit.CloudFormation.Template;

namespace BatchKit.CloudFormation.Tests;

/// <summary>Names for the resolver's unit tests: a few parameters, resources with attributes, and conditions.</summary>
internal sealed class FakeReferences : IReferenceResolver
{
    public Dictionary<string, JsonNode> Names { get; } = new(StringComparer.Ordinal)
    {
        ["AWS::Region"] = "eu-west-1",
        ["AWS::AccountId"] = "123456789012",
        ["Env"] = "prod",
        ["Bucket"] = "my-bucket",
        ["Ids"] = new JsonArray("a", "b", "c"),
    };

    public Dictionary<string, JsonNode> Attributes { get; } = new(StringComparer.Ordinal)
    {
        ["Bucket.Arn"] = "arn:aws:s3:::my-bucket",
        ["Fn.Arn"] = "arn:aws:lambda:eu-west-1:123456789012:function:fn",
    };

    public Dictionary<string, bool> Conditions { get; } = new(StringComparer.Ordinal) { ["IsProd"] = true, ["IsDev"] = false };

    public JsonNode Ref(string name) => Names.GetValueOrDefault(name) ?? throw new TemplateException($"no {name}");

    public JsonNode GetAtt(string logicalId, string attribute) =>
        Attributes.GetValueOrDefault($"{logicalId}.{attribute}") ?? throw new TemplateException($"no {logicalId}.{attribute}");

    public bool Condition(string name) => Conditions.TryGetValue(name, out var value) ? value : throw new TemplateException($"no condition {name}");

    public IReadOnlyList<string> AvailabilityZones(string region) => [(region.Length == 0 ? "eu-west-1" : region) + "a", "zone-b"];
}
