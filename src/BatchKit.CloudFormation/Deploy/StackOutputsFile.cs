using System.Text.Json;
using System.Text.Json.Nodes;

namespace BatchKit.CloudFormation.Deploy;

/// <summary>
/// The outputs file in the shape <c>cdk deploy --outputs-file</c> writes, <c>{"StackName": {"OutputKey": "value"}}</c>:
/// the local deploy writes it, and the CLI and the end-to-end suite read it for every backend (emulator, LocalStack,
/// AWS). https://docs.aws.amazon.com/cdk/v2/guide/ref-cli-cmd-deploy.html#ref-cli-cmd-deploy-options
/// </summary>
public static class StackOutputsFile
{
    public const string FileName = "outputs.json";

    /// <summary>Writes one stack's outputs (replacing the file: a temporary file renamed over it).</summary>
    public static void Write(string path, string stackName, IReadOnlyDictionary<string, string> outputs)
    {
        ArgumentNullException.ThrowIfNull(outputs);
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var json = new JsonObject { [stackName] = new JsonObject(outputs.Select(o => KeyValuePair.Create(o.Key, (JsonNode?)o.Value))) };
        File.WriteAllText(path + ".tmp", json.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
        File.Move(path + ".tmp", path, overwrite: true);
    }

    /// <summary>
    /// The outputs of <paramref name="stackName"/>, or of the file's only stack when null. Throws
    /// <see cref="InvalidDataException"/> naming the file and what is wrong with it.
    /// </summary>
    public static (string StackName, IReadOnlyDictionary<string, string> Outputs) Read(string path, string? stackName = null)
    {
        JsonObject root;
        try
        {
            root = JsonNode.Parse(File.ReadAllText(path)) as JsonObject ?? throw new InvalidDataException($"{path} is not a JSON object");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path} is not valid JSON: {e.Message}", e);
        }

        var stacks = root.Where(s => stackName is null || s.Key == stackName).ToList();
        if (stacks.Count != 1 || stacks[0].Value is not JsonObject outputs)
        {
            throw new InvalidDataException(stacks.Count == 0
                ? $"{path} has no outputs{(stackName is null ? "" : " for the stack " + stackName)}"
                : $"{path} holds several stacks ({string.Join(", ", stacks.Select(s => s.Key))}): name the one to use");
        }

        static string Text(JsonNode? value) =>
            value is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : value?.ToJsonString() ?? "";
        return (stacks[0].Key, outputs.ToDictionary(o => o.Key, o => Text(o.Value), StringComparer.Ordinal));
    }
}
