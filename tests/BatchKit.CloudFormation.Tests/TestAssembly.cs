using System.Text.Json.Nodes;

namespace BatchKit.CloudFormation.Tests;

/// <summary>
/// A cloud assembly written the way <c>cdk synth</c> writes one (manifest.json, the template, the assets manifest and
/// an asset directory with a <c>bootstrap</c>), for deploying small hand-written templates.
/// </summary>
internal static class TestAssembly
{
    public const string StackName = "Small";
    public const string AssetHash = "0123abcd";
    public const string CodeBucket = "cdk-hnb659fds-assets-${AWS::AccountId}-${AWS::Region}";

    /// <summary>The Code property CDK writes for a function whose code is the test asset.</summary>
    public static JsonObject Code() => new()
    {
        ["S3Bucket"] = new JsonObject { ["Fn::Sub"] = CodeBucket },
        ["S3Key"] = AssetHash + ".zip",
    };

    /// <summary>A provided.al2023 function of the test asset (its bootstrap is never invoked by these tests).</summary>
    public static JsonObject Function(int memory = 128, string runtime = "provided.al2023") => new()
    {
        ["Type"] = "AWS::Lambda::Function",
        ["Properties"] = new JsonObject
        {
            ["Code"] = Code(), ["Handler"] = "upload", ["Runtime"] = runtime, ["MemorySize"] = memory, ["Timeout"] = 30,
            ["Role"] = new JsonObject { ["Fn::GetAtt"] = new JsonArray("Role", "Arn") },
            ["Environment"] = new JsonObject { ["Variables"] = new JsonObject { ["MODE"] = "test" } },
        },
    };

    public static JsonObject Role() =>
        new() { ["Type"] = "AWS::IAM::Role", ["Properties"] = new JsonObject { ["AssumeRolePolicyDocument"] = new JsonObject() } };

    public static JsonObject Parameter(string name, JsonNode value) => new()
    {
        ["Type"] = "AWS::SSM::Parameter",
        ["Properties"] = new JsonObject { ["Name"] = name, ["Type"] = "String", ["Value"] = value },
    };

    /// <summary>
    /// Writes the assembly into a new directory under <paramref name="root"/>; <paramref name="withAsset"/> false leaves
    /// the code directory out.
    /// </summary>
    public static string Write(string root, JsonObject resources, JsonObject? outputs = null, bool withAsset = true)
    {
        var directory = Directory.CreateDirectory(Path.Combine(root, "assembly-" + Guid.NewGuid().ToString("N")[..8])).FullName;
        var template = new JsonObject { ["Resources"] = resources.DeepClone() };
        if (outputs is not null)
        {
            template["Outputs"] = outputs.DeepClone();
        }

        File.WriteAllText(Path.Combine(directory, StackName + ".template.json"), template.ToJsonString());
        var assets = new JsonObject
        {
            ["version"] = "38.0.0",
            ["files"] = new JsonObject
            {
                [AssetHash] = new JsonObject
                {
                    ["source"] = new JsonObject { ["path"] = "asset." + AssetHash, ["packaging"] = "zip" },
                    ["destinations"] = new JsonObject { ["current"] = new JsonObject { ["bucketName"] = CodeBucket, ["objectKey"] = AssetHash + ".zip" } },
                },
            },
            ["dockerImages"] = new JsonObject(),
        };
        var manifest = new JsonObject
        {
            ["version"] = "38.0.0",
            ["artifacts"] = new JsonObject
            {
                [StackName + ".assets"] = new JsonObject
                {
                    ["type"] = "cdk:asset-manifest", ["properties"] = new JsonObject { ["file"] = StackName + ".assets.json" },
                },
                [StackName] = new JsonObject
                {
                    ["type"] = "aws:cloudformation:stack",
                    ["properties"] = new JsonObject { ["templateFile"] = StackName + ".template.json" },
                    ["dependencies"] = new JsonArray(StackName + ".assets"),
                },
            },
        };
        File.WriteAllText(Path.Combine(directory, StackName + ".assets.json"), assets.ToJsonString());
        File.WriteAllText(Path.Combine(directory, "manifest.json"), manifest.ToJsonString());
        if (withAsset)
        {
            var code = Directory.CreateDirectory(Path.Combine(directory, "asset." + AssetHash)).FullName;
            File.WriteAllText(Path.Combine(code, "bootstrap"), "#!/bin/sh\nexit 0\n");
        }

        return directory;
    }
}
