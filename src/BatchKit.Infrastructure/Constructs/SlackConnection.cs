using Amazon.CDK;
using Amazon.CDK.AWS.Events;
using Constructs;

namespace BatchKit.Infrastructure.Constructs;

/// <summary>
/// The EventBridge connection Step Functions' http:invoke requires, and the webhook URL it posts to. A Slack incoming
/// webhook carries its secret in the URL, so the URL lives in a Secrets Manager secret the operator creates and the
/// template holds only a <c>{{resolve:secretsmanager:...}}</c> dynamic reference, resolved by CloudFormation at deploy.
/// https://docs.aws.amazon.com/step-functions/latest/dg/call-https-apis.html
/// https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/dynamic-references-secretsmanager.html
/// </summary>
internal sealed class SlackConnection : Construct
{
    /// <summary>Slack ignores the header; EventBridge connections must authenticate somehow, and this is the least.</summary>
    public const string ApiKeyHeader = "X-BatchKit-Source";

    public SlackConnection(Construct scope, string id, BatchKitSettings settings) : base(scope, id)
    {
        ArgumentNullException.ThrowIfNull(settings);
        // Not a secret: the connection's own secret (which EventBridge stores in Secrets Manager) holds only this.
        Connection = new Connection(this, "Connection", new ConnectionProps
        {
            Description = "BatchKit: Slack incoming webhook for the sales batch's http:invoke states",
            Authorization = Authorization.ApiKey(ApiKeyHeader, SecretValue.UnsafePlainText("batchkit")),
        });
        WebhookUrl = SecretValue.SecretsManager(settings.SlackWebhookSecretName).UnsafeUnwrap();
    }

    public Connection Connection { get; }

    /// <summary>A dynamic reference, never the URL: CloudFormation resolves it when it creates the state machine.</summary>
    public string WebhookUrl { get; }
}
