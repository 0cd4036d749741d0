namespace BatchKit.Aws.Tests;

public sealed class CredentialChainTests
{
    [Fact]
    public void Keys_and_a_session_token_in_the_environment_are_taken_as_they_are()
    {
        var session = AwsCredentialChain.Resolve(new FakeEnvironment(new()
        {
            ["AWS_ACCESS_KEY_ID"] = "AKIDEXAMPLE", ["AWS_SECRET_ACCESS_KEY"] = "secret", ["AWS_SESSION_TOKEN"] = "token",
        })).GetCredentials();
        var keys = AwsCredentialChain.Resolve(new FakeEnvironment(new() { ["AWS_ACCESS_KEY_ID"] = "AKID2", ["AWS_SECRET_ACCESS_KEY"] = "s2" })).GetCredentials();

        Assert.Equal(("AKIDEXAMPLE", "secret", "token"), (session.AccessKey, session.SecretKey, session.Token));
        Assert.Equal(("AKID2", "s2"), (keys.AccessKey, keys.SecretKey));
        Assert.True(string.IsNullOrEmpty(keys.Token));
    }
}
