using System.Text.Json.Nodes;
using BatchKit.CloudFormation.Intrinsics;
using BatchKit.CloudFormation.Template;

namespace BatchKit.CloudFormation.Tests;

public sealed class DynamicReferenceTests
{
    private static readonly Dictionary<string, string> Secrets = new()
    {
        ["batchkit/slack-webhook"] = "http://127.0.0.1:8089/services/T/B/X",
        ["arn:aws:secretsmanager:us-east-1:000000000000:secret:db-AbCdEf"] = """{"user": "admin", "port": 5432}""",
    };

    [Fact]
    public void A_secret_reference_as_CDK_writes_it_becomes_the_local_value_inside_any_string()
    {
        var resolved = DynamicReference.ResolveAll(JsonNode.Parse("""
            {"Url": "{{resolve:secretsmanager:batchkit/slack-webhook:SecretString:::}}",
             "List": ["at {{resolve:secretsmanager:batchkit/slack-webhook}} now", 3]}
            """), Secrets);

        Assert.Equal("http://127.0.0.1:8089/services/T/B/X", (string?)resolved!["Url"]);
        Assert.Equal("at http://127.0.0.1:8089/services/T/B/X now", (string?)resolved["List"]![0]);
        Assert.Equal(3, (int)resolved["List"]![1]!);
    }

    [Fact]
    public void A_secret_named_by_ARN_with_a_json_key_reads_that_key()
    {
        var resolved = DynamicReference.ResolveAll(
            JsonValue.Create("{{resolve:secretsmanager:arn:aws:secretsmanager:us-east-1:000000000000:secret:db-AbCdEf:SecretString:user::}}"), Secrets);

        Assert.Equal("admin", (string?)resolved);
    }

    [Fact]
    public void A_secret_without_a_local_value_is_an_error_naming_it()
    {
        var reference = JsonValue.Create("{{resolve:secretsmanager:other/secret:SecretString:::}}");

        var error = Assert.Throws<TemplateException>(() => DynamicReference.ResolveAll(reference, Secrets));

        Assert.Contains("names the secret 'other/secret', which has no local value", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_json_key_the_secret_lacks_is_an_error()
    {
        var error = Assert.Throws<TemplateException>(() => DynamicReference.ResolveAll(
            JsonValue.Create("{{resolve:secretsmanager:arn:aws:secretsmanager:us-east-1:000000000000:secret:db-AbCdEf:SecretString:password::}}"), Secrets));

        Assert.Contains("has no string key 'password'", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{{resolve:ssm:/config/x}}", "uses 'ssm': only secretsmanager references are resolved locally")]
    [InlineData("{{resolve:ssm-secure:/config/x:1}}", "uses 'ssm-secure'")]
    [InlineData("{{resolve:secretsmanager:name:SecretBinary}}", "is not secret-id:SecretString:json-key:version-stage:version-id")]
    public void Other_references_are_refused_by_name(string reference, string message)
    {
        var error = Assert.Throws<TemplateException>(() => DynamicReference.FindAll(JsonValue.Create(reference)).ToList());

        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }
}
