using System.Text.Json.Nodes;
using BatchKit.CloudFormation.Intrinsics;
using BatchKit.CloudFormation.Template;

namespace BatchKit.CloudFormation.Tests;

public sealed class IntrinsicResolverTests
{
    private readonly IntrinsicResolver _resolver = new(new FakeReferences());

    private string Text(string json) => (string)_resolver.Resolve(JsonNode.Parse(json))!;

    [Fact]
    public void Ref_and_both_forms_of_GetAtt_read_their_names()
    {
        Assert.Equal("my-bucket", Text("""{"Ref": "Bucket"}"""));
        Assert.Equal("arn:aws:s3:::my-bucket", Text("""{"Fn::GetAtt": ["Bucket", "Arn"]}"""));
        Assert.Equal("arn:aws:s3:::my-bucket", Text("""{"Fn::GetAtt": "Bucket.Arn"}"""));
    }

    [Fact]
    public void Join_joins_resolved_values_and_numbers_in_their_text()
    {
        Assert.Equal("arn:aws:s3:::my-bucket/*", Text("""{"Fn::Join": ["", [{"Fn::GetAtt": ["Bucket", "Arn"]}, "/*"]]}"""));
        Assert.Equal("batchkit-123456789012-eu-west-1-7", Text("""{"Fn::Join": ["-", ["batchkit", {"Ref": "AWS::AccountId"}, {"Ref": "AWS::Region"}, 7]]}"""));
        Assert.Equal("a,b,c", Text("""{"Fn::Join": [",", {"Ref": "Ids"}]}"""));
    }

    [Fact]
    public void Sub_fills_parameters_pseudo_parameters_attributes_and_keeps_escaped_literals()
    {
        Assert.Equal("cdk-assets-123456789012-eu-west-1", Text("""{"Fn::Sub": "cdk-assets-${AWS::AccountId}-${AWS::Region}"}"""));
        Assert.Equal("arn:aws:s3:::my-bucket in prod", Text("""{"Fn::Sub": "${Bucket.Arn} in ${Env}"}"""));
        Assert.Equal("${Literal} stays, prod is filled", Text("""{"Fn::Sub": "${!Literal} stays, ${Env} is filled"}"""));
    }

    [Fact]
    public void Sub_with_a_variable_map_prefers_the_map_and_resolves_its_values()
    {
        Assert.Equal("x-my-bucket-prod", Text("""{"Fn::Sub": ["x-${Name}-${Env}", {"Name": {"Ref": "Bucket"}}]}"""));
    }

    [Fact]
    public void Select_Split_and_GetAZs_work_together_as_CDK_writes_them()
    {
        Assert.Equal("b", Text("""{"Fn::Select": [1, {"Fn::Split": [",", "a,b,c"]}]}"""));
        Assert.Equal("c", Text("""{"Fn::Select": ["2", {"Ref": "Ids"}]}"""));
        Assert.Equal("eu-west-1a", Text("""{"Fn::Select": [0, {"Fn::GetAZs": ""}]}"""));
        var error = Assert.Throws<TemplateException>(() => Text("""{"Fn::Select": [3, ["a"]]}"""));
        Assert.Contains("index 3 is not within the 1 values", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void If_picks_a_branch_and_NoValue_removes_the_property_or_list_item()
    {
        var resolved = _resolver.Resolve(JsonNode.Parse("""
            {"A": {"Fn::If": ["IsProd", "yes", "no"]}, "B": {"Fn::If": ["IsDev", "dev", {"Ref": "AWS::NoValue"}]},
             "C": ["x", {"Ref": "AWS::NoValue"}, {"Fn::If": ["IsDev", 1, 2]}]}
            """));

        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"A": "yes", "C": ["x", 2]}"""), resolved));
        Assert.Null(_resolver.Resolve(JsonNode.Parse("""{"Ref": "AWS::NoValue"}""")));
    }

    [Theory]
    [InlineData("""{"Fn::Equals": [{"Ref": "Env"}, "prod"]}""", true)]
    [InlineData("""{"Fn::Equals": ["1", 1]}""", true)]
    [InlineData("""{"Fn::Not": [{"Fn::Equals": [{"Ref": "Env"}, "prod"]}]}""", false)]
    [InlineData("""{"Fn::And": [{"Condition": "IsProd"}, {"Fn::Equals": ["a", "a"]}]}""", true)]
    [InlineData("""{"Fn::And": [{"Condition": "IsProd"}, {"Condition": "IsDev"}]}""", false)]
    [InlineData("""{"Fn::Or": [{"Condition": "IsDev"}, {"Fn::Equals": [{"Ref": "AWS::Region"}, "eu-west-1"]}]}""", true)]
    [InlineData("""{"Fn::Or": [{"Condition": "IsDev"}, {"Condition": "IsDev"}]}""", false)]
    public void Conditions_evaluate_as_CloudFormation_evaluates_them(string condition, bool expected)
    {
        Assert.Equal(expected, _resolver.Evaluate(JsonNode.Parse(condition)));
    }

    [Fact]
    public void Data_without_intrinsics_comes_back_equal_and_a_two_key_object_is_data()
    {
        var data = JsonNode.Parse("""{"Ref": "Env", "Other": 1, "List": [true, null, {"k": "v"}]}""");

        Assert.True(JsonNode.DeepEquals(data, _resolver.Resolve(data)));
    }

    [Theory]
    [InlineData("""{"Fn::FindInMap": ["M", "a", "b"]}""", "unsupported intrinsic function Fn::FindInMap")]
    [InlineData("""{"Fn::ImportValue": "shared"}""", "unsupported intrinsic function Fn::ImportValue")]
    [InlineData("""{"Fn::Join": ["-"]}""", "Fn::Join takes [delimiter, [values]]")]
    [InlineData("""{"Fn::GetAtt": ["Bucket"]}""", "Fn::GetAtt takes [LogicalId, Attribute]")]
    [InlineData("""{"Fn::Sub": "${unclosed"}""", "'${' without a closing '}'")]
    [InlineData("""{"Fn::Join": ["", [{"Fn::Split": [",", "a"]}]]}""", "Fn::Join expects a string")]
    [InlineData("""{"Fn::If": ["Nope", 1, 2]}""", "no condition Nope")]
    public void Malformed_or_unsupported_functions_are_errors_that_name_them(string json, string message)
    {
        var error = Assert.Throws<TemplateException>(() => _resolver.Resolve(JsonNode.Parse(json)));

        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_value_nested_beyond_the_limit_is_refused_rather_than_overflowing_the_stack()
    {
        JsonNode node = "x";
        for (var i = 0; i < 200; i++)
        {
            node = new JsonObject { ["Fn::Join"] = new JsonArray("", new JsonArray(node)) };
        }

        var error = Assert.Throws<TemplateException>(() => _resolver.Resolve(node));

        Assert.Contains("deeper than 64 levels", error.Message, StringComparison.Ordinal);
    }
}
