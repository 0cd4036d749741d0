using System.Text.Json.Nodes;
using BatchKit.CloudFormation.Assets;
using BatchKit.CloudFormation.Deploy;
using BatchKit.Contracts.Stack;
using BatchKit.Contracts;

namespace BatchKit.CloudFormation.Tests;

/// <summary>The real synthesized template deployed twice: unchanged, then after a change (as a developer changes the CDK app).</summary>
[Collection(SynthesizedBatchKitCollection.Name)]
public sealed class RedeployTests(SynthesizedBatchKit synthesized) : EmulatorStack
{
    [Fact]
    public async Task A_second_deploy_of_the_same_template_changes_nothing()
    {
        var first = await new TemplateDeployer(Settings()).DeployAsync(synthesized.Assembly);
        var second = await new TemplateDeployer(Settings()).DeployAsync(synthesized.Assembly);

        Assert.Equal(first.Outputs, second.Outputs);
        Assert.All(second.Report.Entries, e => Assert.Contains(e.Action, new[] { DeployReportEntry.Unchanged, DeployReportEntry.Accepted }));
        Assert.Equal(first.Report.Entries.Count, second.Report.Entries.Count);
    }

    [Fact]
    public async Task A_redeploy_updates_a_functions_memory_in_place_and_deletes_the_resource_that_left_the_template()
    {
        var first = await new TemplateDeployer(Settings()).DeployAsync(synthesized.Assembly);
        var changed = CopyWithChange(template =>
        {
            var resources = template["Resources"]!.AsObject();
            var upload = resources.Single(r => (string?)r.Value!["Properties"]?["Handler"] == "upload").Value!;
            upload["Properties"]!["MemorySize"] = 2048;
            resources.Remove(resources.Single(r => (string?)r.Value!["Type"] == "AWS::SSM::Parameter").Key);
        });

        var second = await new TemplateDeployer(Settings()).DeployAsync(changed);

        var function = (await Lambda.GetFunctionConfigurationAsync(second.Outputs[StackOutputNames.UploadFunctionName]))!;
        Assert.Equal(2048, (int)function["MemorySize"]!);
        Assert.Equal(first.Outputs[StackOutputNames.UploadFunctionName], second.Outputs[StackOutputNames.UploadFunctionName]);
        Assert.Null(await ParameterAsync(ParameterNames.StepFunctionArn));
        var actions = second.Report.Entries.Where(e => e.Action is not (DeployReportEntry.Unchanged or DeployReportEntry.Accepted))
            .Select(e => $"{e.Type} {e.Action}").ToList();
        Assert.Equal(["AWS::Lambda::Function updated", "AWS::SSM::Parameter deleted"], actions);
        Assert.NotNull(await StepFunctions.DescribeStateMachineAsync(second.Outputs[StackOutputNames.StateMachineArn]));
    }

    /// <summary>The cloud assembly copied (assets included) with its template changed by <paramref name="change"/>.</summary>
    private CloudAssembly CopyWithChange(Action<JsonObject> change)
    {
        var copy = Path.Combine(Root, "changed.out");
        foreach (var file in Directory.EnumerateFiles(synthesized.Assembly.Directory, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(copy, Path.GetRelativePath(synthesized.Assembly.Directory, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }

        var template = Path.Combine(copy, Path.GetFileName(synthesized.Assembly.TemplatePath));
        var json = JsonNode.Parse(File.ReadAllText(template))!.AsObject();
        change(json);
        File.WriteAllText(template, json.ToJsonString());
        return CloudAssembly.Load(copy);
    }
}
