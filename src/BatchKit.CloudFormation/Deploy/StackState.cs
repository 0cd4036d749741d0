using System.Text.Json;
using BatchKit.CloudFormation.Resources;
using BatchKit.CloudFormation.Template;

namespace BatchKit.CloudFormation.Deploy;

/// <summary>
/// What the last successful deploy of a stack left (stack.json): each resource's physical id, attributes and resolved
/// properties, in deploy order. A redeploy compares against it to update in place and to delete what left the template.
/// </summary>
internal sealed record StackState
{
    public const string FileName = "stack.json";

    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    public required string StackName { get; init; }

    public required string StackId { get; init; }

    public List<DeployedResource> Resources { get; init; } = [];

    public DeployedResource? Find(string logicalId) => Resources.FirstOrDefault(r => r.LogicalId == logicalId);

    /// <summary>The state in <paramref name="directory"/>, or an empty one when there is none (a first deploy).</summary>
    public static StackState Load(string directory, string stackName, string region, string accountId)
    {
        var path = Path.Combine(directory, FileName);
        var empty = new StackState { StackName = stackName, StackId = NewStackId(stackName, region, accountId) };
        if (!File.Exists(path))
        {
            return empty;
        }

        StackState? state;
        try
        {
            state = JsonSerializer.Deserialize<StackState>(File.ReadAllText(path), Json);
        }
        catch (JsonException e)
        {
            throw new TemplateException($"{path} is not a stack state BatchKit wrote ({e.Message}); delete it to deploy afresh", e);
        }

        return state is null ? empty
            : state.StackName == stackName ? state
            : throw new TemplateException(
                $"{path} holds the stack {state.StackName}, not {stackName}: deploy {stackName} with its own state directory, or delete the file");
    }

    /// <summary>Written to a temporary file and renamed over the old one, so a crash never leaves half a file.</summary>
    public void Save(string directory)
    {
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, FileName);
        File.WriteAllText(path + ".tmp", JsonSerializer.Serialize(this, Json));
        File.Move(path + ".tmp", path, overwrite: true);
    }

    /// <summary>CloudFormation's stack id shape; the id part derived from the name, so it is stable across fresh deploys.</summary>
    private static string NewStackId(string stackName, string region, string accountId)
    {
        var guid = new Guid(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(stackName))[..16]);
        return $"arn:aws:cloudformation:{region}:{accountId}:stack/{stackName}/{guid}";
    }
}
