using System.Text.Json.Nodes;

namespace BatchKit.Infrastructure.Tests;

/// <summary>Finding BatchKit's resources in a synthesized template by what they are, not by generated logical ids.</summary>
internal static class TemplateJson
{
    public static IEnumerable<KeyValuePair<string, JsonObject>> Functions(this JsonObject template) =>
        template["Resources"]!.AsObject()
            .Where(r => (string?)r.Value!["Type"] == "AWS::Lambda::Function")
            .Select(r => KeyValuePair.Create(r.Key, r.Value!["Properties"]!.AsObject()));

    public static KeyValuePair<string, JsonObject> Function(this JsonObject template, string handler) =>
        Assert.Single(template.Functions(), f => (string?)f.Value["Handler"] == handler);

    public static string UploadFunctionId(this JsonObject template) => template.Function("upload").Key;

    /// <summary>Every Allow statement of every IAM policy attached to the role with this logical id.</summary>
    public static IEnumerable<JsonObject> StatementsOf(this JsonObject template, string roleId) =>
        template["Resources"]!.AsObject()
            .Where(r => (string?)r.Value!["Type"] == "AWS::IAM::Policy"
                && r.Value["Properties"]!["Roles"]!.AsArray().Any(x => (string?)x!["Ref"] == roleId))
            .SelectMany(r => r.Value!["Properties"]!["PolicyDocument"]!["Statement"]!.AsArray().Select(s => s!.AsObject()));

    public static List<string> Actions(this JsonObject statement) =>
        statement["Action"] is JsonArray array ? array.Select(a => (string)a!).ToList() : [(string)statement["Action"]!];

    /// <summary>The statement granting <paramref name="action"/>; fails unless exactly one does.</summary>
    public static JsonObject Granting(this IEnumerable<JsonObject> statements, string action) =>
        Assert.Single(statements, s => s.Actions().Contains(action));

    public static string RoleIdOf(this JsonObject properties) => (string)properties["Role"]!["Fn::GetAtt"]![0]!;
}
