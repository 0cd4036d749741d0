using System.Text.Json.Nodes;

namespace BatchKit.Aws.Ses;

/// <summary>
/// Amazon SES v2 over REST-JSON, for what BatchKit's examples send: a plain-text email from a verified identity, and
/// the identity itself. (AWSSDK.SimpleEmailV2 is not served here.) https://docs.aws.amazon.com/ses/latest/APIReference-V2/API_Operations.html
/// </summary>
public sealed class SesClient(AwsClientOptions? options = null) : IDisposable
{
    private readonly AwsJsonClient _json = new(AwsService.SesV2, options ?? new AwsClientOptions());

    /// <summary>
    /// Starts verifying an email address or domain; one that already exists is left as it is (AlreadyExistsException).
    /// https://docs.aws.amazon.com/ses/latest/APIReference-V2/API_CreateEmailIdentity.html
    /// </summary>
    public async Task EnsureEmailIdentityAsync(string identity, CancellationToken cancellationToken = default)
    {
        try
        {
            await _json.SendRestAsync(HttpMethod.Post, "/v2/email/identities", new JsonObject { ["EmailIdentity"] = identity }, cancellationToken)
                .ConfigureAwait(false);
        }
        catch (AwsServiceException e) when (e.ErrorCode == "AlreadyExistsException")
        {
        }
    }

    /// <summary>Sends a plain-text email; returns SES's MessageId. https://docs.aws.amazon.com/ses/latest/APIReference-V2/API_SendEmail.html</summary>
    public async Task<string> SendEmailAsync(string from, string to, string subject, string text, CancellationToken cancellationToken = default)
    {
        var request = new JsonObject
        {
            ["FromEmailAddress"] = from,
            ["Destination"] = new JsonObject { ["ToAddresses"] = new JsonArray(to) },
            ["Content"] = new JsonObject
            {
                ["Simple"] = new JsonObject
                {
                    ["Subject"] = new JsonObject { ["Data"] = subject, ["Charset"] = "UTF-8" },
                    ["Body"] = new JsonObject { ["Text"] = new JsonObject { ["Data"] = text, ["Charset"] = "UTF-8" } },
                },
            },
        };
        var answer = await _json.SendRestAsync(HttpMethod.Post, "/v2/email/outbound-emails", request, cancellationToken).ConfigureAwait(false);
        return answer["MessageId"]?.GetValue<string>()
            ?? throw new AwsServiceException("InvalidResponse", "SendEmail answered no MessageId", System.Net.HttpStatusCode.OK, null);
    }

    public void Dispose() => _json.Dispose();
}
