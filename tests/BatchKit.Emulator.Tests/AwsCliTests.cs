using System.Security.Cryptography;
using System.Text.Json.Nodes;

namespace BatchKit.Emulator.Tests;

/// <summary>The real AWS CLI (botocore) against the emulator, unchanged.</summary>
public sealed class AwsCliTests(EmulatorFixture emulator) : IClassFixture<EmulatorFixture>
{
    [Fact]
    public async Task S3_make_bucket_copy_100_MB_multipart_list_and_remove()
    {
        var bucket = "cli-" + Guid.NewGuid().ToString("N")[..10];
        var dir = Directory.CreateTempSubdirectory("batchkit-cli-").FullName;
        try
        {
            var file = Path.Combine(dir, "big.bin");
            var data = RandomNumberGenerator.GetBytes(100 * 1000 * 1000);
            await File.WriteAllBytesAsync(file, data);

            await Ok("s3", "mb", $"s3://{bucket}");
            await Ok("s3", "cp", file, $"s3://{bucket}/uploads/big file.bin");
            var head = JsonNode.Parse((await Ok("s3api", "head-object", "--bucket", bucket, "--key", "uploads/big file.bin")).Output)!;
            Assert.Equal(data.Length, head["ContentLength"]!.GetValue<long>());
            Assert.Matches("-[0-9]+\"$", head["ETag"]!.GetValue<string>()); // the CLI went multipart

            var listing = (await Ok("s3", "ls", $"s3://{bucket}/uploads/")).Output;
            Assert.Contains("big file.bin", listing, StringComparison.Ordinal);
            await Ok("s3", "cp", $"s3://{bucket}/uploads/big file.bin", Path.Combine(dir, "back.bin"));
            Assert.Equal(SHA256.HashData(data), SHA256.HashData(await File.ReadAllBytesAsync(Path.Combine(dir, "back.bin"))));

            await Ok("s3", "rm", $"s3://{bucket}/uploads/big file.bin");
            Assert.DoesNotContain("big file.bin", (await AwsCli.RunAsync(emulator.Host.ServiceUrl, "s3", "ls", $"s3://{bucket}/uploads/")).Output, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public async Task Ssm_put_and_get_parameter_and_a_missing_one_fails_with_AWS_error()
    {
        var name = "/config/cli-" + Guid.NewGuid().ToString("N")[..8];
        await Ok("ssm", "put-parameter", "--name", name, "--value", "arn:aws:states:us-east-1:000000000000:stateMachine:x", "--type", "String");

        var got = JsonNode.Parse((await Ok("ssm", "get-parameter", "--name", name)).Output)!;
        Assert.Equal("arn:aws:states:us-east-1:000000000000:stateMachine:x", got["Parameter"]!["Value"]!.GetValue<string>());

        var (exit, _, error) = await AwsCli.RunAsync(emulator.Host.ServiceUrl, "ssm", "get-parameter", "--name", "/config/missing");
        Assert.NotEqual(0, exit);
        Assert.Contains("ParameterNotFound", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Step_Functions_create_start_describe_and_history()
    {
        var name = "cli-" + Guid.NewGuid().ToString("N")[..8];
        var created = JsonNode.Parse((await Ok("stepfunctions", "create-state-machine", "--name", name, "--role-arn", "arn:aws:iam::000000000000:role/r",
            "--definition", """{"StartAt": "Hello", "States": {"Hello": {"Type": "Pass", "Parameters": {"greeting.$": "States.Format('hello {}', $.who)"}, "End": true}}}""")).Output)!;
        var started = JsonNode.Parse((await Ok("stepfunctions", "start-execution", "--state-machine-arn", created["stateMachineArn"]!.GetValue<string>(),
            "--input", """{"who": "batchkit"}""")).Output)!;
        var arn = started["executionArn"]!.GetValue<string>();

        var described = await Eventually.ValueAsync(
            async () => JsonNode.Parse((await Ok("stepfunctions", "describe-execution", "--execution-arn", arn)).Output)!,
            d => d["status"]!.GetValue<string>() != "RUNNING", "the execution ending (aws stepfunctions describe-execution)");

        Assert.Equal("SUCCEEDED", described["status"]!.GetValue<string>());
        Assert.Equal("""{"greeting":"hello batchkit"}""", described["output"]!.GetValue<string>());
        var history = JsonNode.Parse((await Ok("stepfunctions", "get-execution-history", "--execution-arn", arn)).Output)!;
        Assert.Equal(["ExecutionStarted", "PassStateEntered", "PassStateExited", "ExecutionSucceeded"], history["events"]!.AsArray().Select(e => e!["type"]!.GetValue<string>()));
    }

    private async Task<(int ExitCode, string Output, string Error)> Ok(params string[] args)
    {
        var result = await AwsCli.RunAsync(emulator.Host.ServiceUrl, args);
        Assert.True(result.ExitCode == 0, $"aws {string.Join(' ', args)} exited {result.ExitCode}: {result.Error}");
        return result;
    }
}
