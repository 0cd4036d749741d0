using BatchKit.CloudFormation.Template;

namespace BatchKit.CloudFormation.Tests;

public sealed class StackTemplateTests
{
    [Fact]
    public void Sections_parse_into_resources_in_template_order_with_their_attributes()
    {
        var template = StackTemplate.Parse("""
            {"Parameters": {"Env": {"Type": "String", "Default": "dev"}},
             "Conditions": {"IsProd": {"Fn::Equals": [{"Ref": "Env"}, "prod"]}},
             "Resources": {
               "B": {"Type": "AWS::S3::Bucket", "DeletionPolicy": "Retain", "Condition": "IsProd"},
               "A": {"Type": "AWS::SSM::Parameter", "Properties": {"Type": "String", "Value": "v"}, "DependsOn": "B"}},
             "Outputs": {"Name": {"Value": {"Ref": "A"}}},
             "Rules": {"CheckBootstrapVersion": {"Assertions": []}}}
            """);

        Assert.Equal(["B", "A"], template.Resources.Select(r => r.LogicalId));
        Assert.True(template.Resource("B")!.IsRetained);
        Assert.Equal("IsProd", template.Resource("B")!.Condition);
        Assert.Equal(["B"], template.Resource("A")!.DependsOn);
        Assert.Equal("dev", (string?)template.Parameters["Env"].Default);
        Assert.Equal("Name", Assert.Single(template.Outputs).Key);
        Assert.Equal(["CheckBootstrapVersion"], template.Rules);
    }

    [Theory]
    [InlineData("not json", "the template is not valid JSON")]
    [InlineData("""{"Resources": {"A": {"Properties": {}}}}""", "resource A: not an object with a Type string")]
    [InlineData("""{"Resources": {"A": {"Type": "AWS::S3::Bucket", "DependsOn": 3}}}""", "resource A (AWS::S3::Bucket): DependsOn is neither")]
    [InlineData("""{"Transform": "AWS::Serverless-2016-10-31", "Resources": {}}""", "declares a Transform")]
    [InlineData("""{"Resource": {}}""", "unknown top-level section 'Resource'")]
    [InlineData("""{"Parameters": {}}""", "has no Resources section")]
    public void A_malformed_template_is_refused_saying_what_is_wrong(string json, string message)
    {
        var error = Assert.Throws<TemplateException>(() => StackTemplate.Parse(json));

        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }
}
