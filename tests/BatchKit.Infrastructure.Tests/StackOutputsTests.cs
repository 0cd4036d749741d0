using System.Text.Json.Nodes;
using BatchKit.Contracts.Stack;
using BatchKit.Contracts;

namespace BatchKit.Infrastructure.Tests;

/// <summary>The outputs the CLI and the end-to-end suite read (cdk deploy --outputs-file, or the local deploy).</summary>
[Collection(DefaultStackCollection.Name)]
public sealed class StackOutputsTests(DefaultStack stack)
{
    private JsonObject OutputSection => stack.Json["Outputs"]!.AsObject();

    [Theory]
    [InlineData(StackOutputNames.BucketName, "AWS::S3::Bucket", "Ref")]
    [InlineData(StackOutputNames.StateMachineArn, "AWS::StepFunctions::StateMachine", "Ref")]
    [InlineData(StackOutputNames.UploadFunctionName, "AWS::Lambda::Function", "Ref")]
    [InlineData(StackOutputNames.SummaryFunctionName, "AWS::Lambda::Function", "Ref")]
    [InlineData(StackOutputNames.ClusterArn, "AWS::ECS::Cluster", "Arn")]
    [InlineData(StackOutputNames.TaskDefinitionArn, "AWS::ECS::TaskDefinition", "Ref")]
    [InlineData(StackOutputNames.SlackConnectionArn, "AWS::Events::Connection", "Arn")]
    [InlineData(StackOutputNames.DeadLetterQueueUrl, "AWS::SQS::Queue", "Ref")]
    public void Each_output_names_the_resource_the_readers_expect(string output, string type, string attribute)
    {
        var value = OutputSection[output]!["Value"]!;
        var logicalId = attribute == "Ref" ? (string)value["Ref"]! : (string)value["Fn::GetAtt"]![0]!;

        Assert.Equal(type, (string?)stack.Json["Resources"]![logicalId]!["Type"]);
        if (attribute != "Ref")
        {
            Assert.Equal(attribute, (string?)value["Fn::GetAtt"]![1]);
        }
    }

    [Fact]
    public void The_function_outputs_name_the_upload_and_the_summary_handler()
    {
        Assert.Equal(stack.Json.UploadFunctionId(), (string?)OutputSection[StackOutputNames.UploadFunctionName]!["Value"]!["Ref"]);
        Assert.Equal(stack.Json.Function("summary").Key, (string?)OutputSection[StackOutputNames.SummaryFunctionName]!["Value"]!["Ref"]);
    }
}
