using BatchKit.Infrastructure.Constructs;

namespace BatchKit.Infrastructure.Tests;

[Collection(DefaultStackCollection.Name)]
public sealed class SlackConnectionTests(DefaultStack stack)
{
    [Fact]
    public void Webhook_url_is_a_secrets_manager_reference_never_a_url()
    {
        var url = (string?)stack.Single("AWS::StepFunctions::StateMachine")["DefinitionSubstitutions"]!["SlackWebhookUrl"];

        Assert.Equal("{{resolve:secretsmanager:batchkit/slack-webhook:SecretString:::}}", url);
        Assert.DoesNotContain("hooks.slack.com", stack.Json.ToJsonString(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Http_invoke_authenticates_through_an_eventbridge_connection()
    {
        var connection = stack.Single("AWS::Events::Connection");

        Assert.Equal("API_KEY", (string?)connection["AuthorizationType"]);
        Assert.Equal(SlackConnection.ApiKeyHeader, (string?)connection["AuthParameters"]!["ApiKeyAuthParameters"]!["ApiKeyName"]);
    }
}
