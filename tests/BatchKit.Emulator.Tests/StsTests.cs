using System.Text.Json.Nodes;
using Amazon.SecurityToken.Model;

namespace BatchKit.Emulator.Tests;

/// <summary>STS through the real CLI (query protocol) and the real .NET SDK: the first call most tools make.</summary>
public sealed class StsTests(EmulatorFixture emulator) : IClassFixture<EmulatorFixture>
{
    [Fact]
    public async Task The_CLI_gets_the_caller_identity_of_the_account_root()
    {
        var (exit, output, error) = await AwsCli.RunAsync(emulator.Host.ServiceUrl, "sts", "get-caller-identity");
        Assert.True(exit == 0, error);
        var identity = JsonNode.Parse(output)!;
        Assert.Equal("000000000000", identity["Account"]!.GetValue<string>());
        Assert.Equal("arn:aws:iam::000000000000:root", identity["Arn"]!.GetValue<string>());
    }

    [Fact]
    public async Task Credentials_from_AssumeRole_call_as_the_role_session()
    {
        var (exit, output, error) = await AwsCli.RunAsync(emulator.Host.ServiceUrl, "sts", "assume-role",
            "--role-arn", "arn:aws:iam::000000000000:role/pipeline-deployer", "--role-session-name", "ci-run-7", "--duration-seconds", "900");
        Assert.True(exit == 0, error);
        var assumed = JsonNode.Parse(output)!;
        var credentials = assumed["Credentials"]!;
        Assert.StartsWith("ASIA", credentials["AccessKeyId"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("arn:aws:sts::000000000000:assumed-role/pipeline-deployer/ci-run-7", assumed["AssumedRoleUser"]!["Arn"]!.GetValue<string>());
        var expires = DateTimeOffset.Parse(credentials["Expiration"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(expires - DateTimeOffset.UtcNow, TimeSpan.FromMinutes(14), TimeSpan.FromMinutes(15.5));

        var (asRole, roleOutput, roleError) = await AwsCli.RunAsync(emulator.Host.ServiceUrl, new Dictionary<string, string>
        {
            ["AWS_ACCESS_KEY_ID"] = credentials["AccessKeyId"]!.GetValue<string>(),
            ["AWS_SECRET_ACCESS_KEY"] = credentials["SecretAccessKey"]!.GetValue<string>(),
            ["AWS_SESSION_TOKEN"] = credentials["SessionToken"]!.GetValue<string>(),
        }, "sts", "get-caller-identity");
        Assert.True(asRole == 0, roleError);
        Assert.Equal("arn:aws:sts::000000000000:assumed-role/pipeline-deployer/ci-run-7", JsonNode.Parse(roleOutput)!["Arn"]!.GetValue<string>());
    }

    [Fact]
    public async Task The_SDK_gets_the_identity_and_a_bad_role_ARN_is_a_validation_error()
    {
        using var sts = SdkClients.Sts(emulator.Host.ServiceUrl);
        var identity = await sts.GetCallerIdentityAsync(new GetCallerIdentityRequest());
        Assert.Equal("000000000000", identity.Account);

        var error = await Assert.ThrowsAsync<Amazon.SecurityToken.AmazonSecurityTokenServiceException>(
            () => sts.AssumeRoleAsync(new AssumeRoleRequest { RoleArn = "arn:aws:iam::000000000000:user/not-a-role", RoleSessionName = "s1" }));
        Assert.Equal("ValidationError", error.ErrorCode);
        Assert.Contains("user/not-a-role", error.Message, StringComparison.Ordinal);
    }
}
