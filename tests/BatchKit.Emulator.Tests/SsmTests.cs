using Amazon.SimpleSystemsManagement;
using Amazon.SimpleSystemsManagement.Model;

namespace BatchKit.Emulator.Tests;

/// <summary>
/// SSM Parameter Store driven by the real AWSSDK.SimpleSystemsManagement: the SDK must read the emulator's JSON 1.1
/// answers and error types into its own typed responses and exceptions, as it does on AWS.
/// https://docs.aws.amazon.com/systems-manager/latest/APIReference/API_GetParameter.html
/// </summary>
public sealed class SsmTests(EmulatorFixture emulator) : IClassFixture<EmulatorFixture>
{
    private readonly string _name = "/config/" + Guid.NewGuid().ToString("N");

    [Fact]
    public async Task PutParameter_then_GetParameter_returns_the_value_and_its_version()
    {
        using var ssm = emulator.Ssm();

        const string Arn = "arn:aws:states:us-east-1:000000000000:stateMachine:sales-batch";
        var put = await ssm.PutParameterAsync(new PutParameterRequest { Name = _name, Value = Arn, Type = ParameterType.String });
        var got = await ssm.GetParameterAsync(new GetParameterRequest { Name = _name });

        Assert.Equal(1, put.Version);
        Assert.Equal((Arn, 1L, ParameterType.String), (got.Parameter.Value, got.Parameter.Version, got.Parameter.Type));
        Assert.Equal(_name, got.Parameter.Name);
    }

    [Fact]
    public async Task Overwrite_makes_a_new_version_and_without_it_the_SDK_throws_ParameterAlreadyExistsException()
    {
        using var ssm = emulator.Ssm();
        await ssm.PutParameterAsync(new PutParameterRequest { Name = _name, Value = "v1", Type = ParameterType.String });

        var again = new PutParameterRequest { Name = _name, Value = "v2", Type = ParameterType.String };
        await Assert.ThrowsAsync<ParameterAlreadyExistsException>(() => ssm.PutParameterAsync(again));
        var overwritten = await ssm.PutParameterAsync(new PutParameterRequest { Name = _name, Value = "v2", Overwrite = true });

        Assert.Equal(2, overwritten.Version);
        Assert.Equal("v2", (await ssm.GetParameterAsync(new GetParameterRequest { Name = _name })).Parameter.Value);
    }

    [Fact]
    public async Task A_missing_parameter_is_a_typed_ParameterNotFoundException_with_status_400()
    {
        using var ssm = emulator.Ssm();

        var e = await Assert.ThrowsAsync<ParameterNotFoundException>(() => ssm.GetParameterAsync(new GetParameterRequest { Name = _name + "/missing" }));

        Assert.Equal(("ParameterNotFound", System.Net.HttpStatusCode.BadRequest), (e.ErrorCode, e.StatusCode));
    }
}
