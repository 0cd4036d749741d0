using Amazon.CDK;

namespace BatchKit.Infrastructure.Tests;

public sealed class BatchKitSettingsTests
{
    private static BatchKitSettings From(Dictionary<string, object> context) =>
        BatchKitSettings.From(new App(new AppProps { Context = context }).Node);

    [Fact]
    public void Defaults_are_a_public_network_without_tracing()
    {
        var settings = From([]);

        Assert.Equal("BatchKit", settings.StackName);
        Assert.Equal("artifacts/functions", settings.LambdaAssetDir);
        Assert.Equal(NetworkMode.Public, settings.NetworkMode);
        Assert.Null(settings.VpcId);
        Assert.Null(settings.Environment);
        Assert.False(settings.Tracing);
        Assert.Equal("batchkit/slack-webhook", settings.SlackWebhookSecretName);
        Assert.Null(settings.WorkerHeartbeatSeconds);
        Assert.Empty(settings.WorkerEnvironment);
    }

    [Fact]
    public void Bad_values_are_all_named_in_one_error()
    {
        var error = Assert.Throws<ArgumentException>(() => From(new()
        {
            [BatchKitSettings.NetworkModeKey] = "nat",
            [BatchKitSettings.TracingKey] = "yes",
            [BatchKitSettings.LogRetentionDaysKey] = "10",
            [BatchKitSettings.VpcIdKey] = "subnet-1",
            [BatchKitSettings.WorkerHeartbeatSecondsKey] = "0",
            [BatchKitSettings.WorkerEnvironmentKey] = "A=1,=2",
        }));

        Assert.Contains("networkMode must be 'public' or 'private', got 'nat'", error.Message, StringComparison.Ordinal);
        Assert.Contains("tracing must be true or false, got 'yes'", error.Message, StringComparison.Ordinal);
        Assert.Contains("logRetentionDays must be one of", error.Message, StringComparison.Ordinal);
        Assert.Contains("vpcId must be a VPC id (vpc-...), got 'subnet-1'", error.Message, StringComparison.Ordinal);
        Assert.Contains("workerHeartbeatSeconds must be a whole number of seconds of at least 1, got '0'", error.Message, StringComparison.Ordinal);
        Assert.Contains("workerEnvironment must be NAME=value pairs separated by commas, got '=2'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Worker_environment_is_name_value_pairs_and_a_value_may_hold_an_equals_sign()
    {
        var settings = From(new()
        {
            [BatchKitSettings.WorkerEnvironmentKey] = "BATCHKIT_HEARTBEAT_SECONDS=1, EXTRA=a=b",
            [BatchKitSettings.WorkerHeartbeatSecondsKey] = "6",
        });

        Assert.Equal(new Dictionary<string, string> { ["BATCHKIT_HEARTBEAT_SECONDS"] = "1", ["EXTRA"] = "a=b" }, settings.WorkerEnvironment);
        Assert.Equal(6, settings.WorkerHeartbeatSeconds);
    }

    [Fact]
    public void An_existing_vpc_makes_the_stack_environment_specific()
    {
        var settings = From(new() { [BatchKitSettings.VpcIdKey] = "vpc-0abc", [BatchKitSettings.NetworkModeKey] = "PRIVATE" });

        Assert.Equal("vpc-0abc", settings.VpcId);
        Assert.Equal(NetworkMode.Private, settings.NetworkMode);
        Assert.NotNull(settings.Environment);
    }
}
