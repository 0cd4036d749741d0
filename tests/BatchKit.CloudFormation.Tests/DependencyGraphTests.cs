using System.Text.Json.Nodes;
using BatchKit.CloudFormation.Planning;
using BatchKit.CloudFormation.Template;

namespace BatchKit.CloudFormation.Tests;

public sealed class DependencyGraphTests
{
    private static TemplateResource Resource(string id, string type = "AWS::SSM::Parameter") => new(id, type, [], [], null, null);

    private static Dictionary<string, IReadOnlySet<string>> Edges(params (string From, string[] On)[] edges) =>
        edges.ToDictionary(e => e.From, e => (IReadOnlySet<string>)e.On.ToHashSet(), StringComparer.Ordinal);

    [Fact]
    public void Each_resource_comes_after_what_it_depends_on_and_ties_keep_template_order()
    {
        var resources = new[] { Resource("Machine"), Resource("Bucket"), Resource("Function"), Resource("Role"), Resource("Log") };

        var order = DependencyGraph.Order(resources, Edges(("Machine", ["Function", "Bucket"]), ("Function", ["Role"]), ("Bucket", [])));

        Assert.Equal(["Bucket", "Role", "Function", "Machine", "Log"], order.Select(r => r.LogicalId));
    }

    [Fact]
    public void A_cycle_is_refused_naming_every_resource_on_it_with_its_type()
    {
        var resources = new[]
        {
            Resource("Free"), Resource("A", "AWS::S3::Bucket"), Resource("B", "AWS::Lambda::Function"), Resource("C", "AWS::Lambda::Permission"),
        };

        var error = Assert.Throws<TemplateException>(() => DependencyGraph.Order(resources, Edges(("A", ["C"]), ("B", ["A"]), ("C", ["B"]))));

        Assert.Contains("circular dependency between resources:", error.Message, StringComparison.Ordinal);
        foreach (var named in new[] { "A (AWS::S3::Bucket)", "B (AWS::Lambda::Function)", "C (AWS::Lambda::Permission)" })
        {
            Assert.Contains(named, error.Message, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("Free", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_resource_that_depends_on_itself_is_a_cycle_of_one()
    {
        var error = Assert.Throws<TemplateException>(() => DependencyGraph.Order([Resource("Self")], Edges(("Self", ["Self"]))));

        Assert.Contains("Self (AWS::SSM::Parameter) -> Self (AWS::SSM::Parameter)", error.Message, StringComparison.Ordinal);
    }
}
