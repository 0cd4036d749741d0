using System.Text.Json.Nodes;
using BatchKit.CloudFormation.Intrinsics;
using BatchKit.CloudFormation.Template;

namespace BatchKit.CloudFormation.Tests;

public sealed class TemplateReferenceTests
{
    [Fact]
    public void References_are_found_in_Ref_GetAtt_Sub_and_If_without_evaluating_anything()
    {
        var found = TemplateReference.FindAll(JsonNode.Parse("""
            {"A": {"Ref": "Bucket"}, "B": {"Fn::GetAtt": "Fn.Arn"},
             "C": {"Fn::Sub": ["${Role.Arn}/${AWS::Region}/${Local}/${!Escaped}", {"Local": {"Ref": "Param"}}]},
             "D": {"Fn::If": ["IsProd", {"Fn::Join": ["", [{"Fn::GetAtt": ["Queue", "Arn"]}]]}, {"Ref": "AWS::NoValue"}]}}
            """));

        Assert.Equal(
            ["Ref Bucket", "GetAtt Fn.Arn", "Ref Param", "GetAtt Role.Arn", "Ref AWS::Region", "Condition IsProd", "GetAtt Queue.Arn", "Ref AWS::NoValue"],
            found.Select(r => r.Attribute is null ? $"{r.Kind} {r.Target}" : $"{r.Kind} {r.Target}.{r.Attribute}"));
    }

    [Fact]
    public void An_unsupported_function_is_refused_wherever_it_hides()
    {
        var error = Assert.Throws<TemplateException>(() => TemplateReference.FindAll(JsonNode.Parse("""{"List": [1, {"Nested": {"Fn::Base64": "x"}}]}""")));

        Assert.Equal("unsupported intrinsic function Fn::Base64", error.Message);
    }
}
