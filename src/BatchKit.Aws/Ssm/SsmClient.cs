using System.Text.Json.Nodes;

namespace BatchKit.Aws.Ssm;

/// <summary>SSM over the AWS JSON 1.1 protocol (see <see cref="AwsJsonClient"/>).</summary>
public sealed class SsmClient(AwsClientOptions? options = null) : ISsmClient, IDisposable
{
    private readonly AwsJsonClient _json = new(AwsService.Ssm, options ?? new AwsClientOptions());

    public async Task<string> GetParameterAsync(string name, bool withDecryption = false, CancellationToken cancellationToken = default)
    {
        var r = await _json.SendAsync("GetParameter", new JsonObject { ["Name"] = name, ["WithDecryption"] = withDecryption }, cancellationToken).ConfigureAwait(false);
        return r["Parameter"]!["Value"]!.GetValue<string>();
    }

    public async Task<long> PutParameterAsync(string name, string value, string type = "String", bool overwrite = false, CancellationToken cancellationToken = default)
    {
        var r = await _json.SendAsync("PutParameter", new JsonObject { ["Name"] = name, ["Value"] = value, ["Type"] = type, ["Overwrite"] = overwrite }, cancellationToken).ConfigureAwait(false);
        return r["Version"]!.GetValue<long>();
    }

    /// <summary>https://docs.aws.amazon.com/systems-manager/latest/APIReference/API_DeleteParameter.html</summary>
    public Task DeleteParameterAsync(string name, CancellationToken cancellationToken = default) =>
        _json.SendAsync("DeleteParameter", new JsonObject { ["Name"] = name }, cancellationToken);

    public void Dispose() => _json.Dispose();
}
