using System.Text;
using System.Text.Json.Nodes;

namespace BatchKit.Emulator.Tests;

/// <summary>
/// Requests are checked against botocore's model of their operation before any provider runs, and refused in AWS's
/// own words: ValidationException for broken constraints (all of them, in member order), SerializationException for
/// a member of the wrong JSON type (issue 12 items 1 and 3).
/// </summary>
public sealed class ValidationTests(EmulatorFixture emulator) : IClassFixture<EmulatorFixture>
{
    private const string Role = "arn:aws:iam::000000000000:role/r";
    private const string Definition = """{"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}}""";

    private async Task<(int Status, string Type, string Message)> ErrorAsync(string target, string service, JsonObject body)
    {
        var (status, answer) = await emulator.JsonAsync(target, service, body);
        return (status, answer["__type"]?.GetValue<string>() ?? "", answer["message"]?.GetValue<string>() ?? "");
    }

    [Fact]
    public async Task A_missing_required_member_is_named_as_AWS_names_it()
    {
        var error = await ErrorAsync("AWSStepFunctions.CreateStateMachine", "states", new JsonObject { ["definition"] = Definition, ["roleArn"] = Role });

        Assert.Equal((400, "ValidationException", "1 validation error detected: Value null at 'name' failed to satisfy constraint: Member must not be null"), error);
    }

    [Fact]
    public async Task Every_broken_constraint_is_listed_in_member_order()
    {
        var name = new string('n', 81);
        var error = await ErrorAsync("AWSStepFunctions.CreateStateMachine", "states", new JsonObject { ["name"] = name, ["definition"] = Definition, ["type"] = "LAMBDA" });

        Assert.Equal(400, error.Status);
        Assert.Equal("ValidationException", error.Type);
        Assert.Equal(
            $"3 validation errors detected: Value '{name}' at 'name' failed to satisfy constraint: Member must have length less than or equal to 80; "
            + "Value null at 'roleArn' failed to satisfy constraint: Member must not be null; "
            + "Value 'LAMBDA' at 'type' failed to satisfy constraint: Member must satisfy enum value set: [STANDARD, EXPRESS]",
            error.Message);
    }

    [Theory]
    [InlineData("""{"Name": 42}""", "NUMBER_VALUE can not be converted to a String")]
    [InlineData("""{"Name": {"a": 1}}""", "Start of structure or map found where not expected.")]
    [InlineData("""{"Name": ["a"]}""", "Start of list found where not expected")]
    [InlineData("""{"Name": "/x", "WithDecryption": "yes"}""", "STRING_VALUE can not be converted to a Boolean")]
    public async Task A_member_of_the_wrong_JSON_type_is_a_SerializationException(string body, string message)
    {
        var error = await ErrorAsync("AmazonSSM.GetParameter", "ssm", JsonNode.Parse(body)!.AsObject());

        Assert.Equal((400, "SerializationException", message), error);
    }

    [Fact]
    public async Task Null_list_elements_are_validation_errors_not_500s()
    {
        var ssm = await ErrorAsync("AmazonSSM.GetParameters", "ssm", new JsonObject { ["Names"] = new JsonArray("/a", null) });
        Assert.Equal((400, "ValidationException", "1 validation error detected: Value null at 'names.2.member' failed to satisfy constraint: Member must not be null"), ssm);

        var ecs = await ErrorAsync("AmazonEC2ContainerServiceV20141113.DescribeTasks", "ecs", new JsonObject { ["tasks"] = new JsonArray(null, null) });
        Assert.Equal((400, "ValidationException"), (ecs.Status, ecs.Type));
        Assert.StartsWith("2 validation errors detected: Value null at 'tasks.1.member'", ecs.Message, StringComparison.Ordinal);

        var events = await ErrorAsync("AWSEvents.PutEvents", "events", new JsonObject { ["Entries"] = new JsonArray("not an object") });
        Assert.Equal((400, "SerializationException", "STRING_VALUE can not be converted to a Structure"), events);
    }

    [Fact]
    public async Task The_AWS_CLI_sees_the_same_ValidationException()
    {
        var (exit, _, error) = await AwsCli.RunAsync(emulator.Host.ServiceUrl, "ssm", "get-parameters-by-path", "--path", "/config", "--max-results", "11");

        Assert.NotEqual(0, exit);
        Assert.Contains("(ValidationException)", error, StringComparison.Ordinal);
        Assert.Contains("Value '11' at 'maxResults' failed to satisfy constraint: Member must have value less than or equal to 10", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_body_nested_deeper_than_64_levels_or_over_the_service_limit_is_refused_unread()
    {
        var deep = new StringBuilder("{\"Name\":").Insert(8, "[", 200).Append('1').Append(']', 200).Append('}').ToString();
        using var request = new HttpRequestMessage(HttpMethod.Post, emulator.Host.ServiceUrl) { Content = new StringContent(deep, Encoding.UTF8, "application/x-amz-json-1.1") };
        request.Headers.Add("X-Amz-Target", "AmazonSSM.GetParameter");
        await SignedRequests.SignAsync(request, "ssm");
        using var response = await emulator.Http.SendAsync(request);
        Assert.Equal(400, (int)response.StatusCode);
        Assert.Contains("SerializationException", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var huge = await ErrorAsync("AmazonSSM.PutParameter", "ssm", new JsonObject { ["Name"] = "/big", ["Value"] = new string('v', 2 << 20), ["Type"] = "String" });
        Assert.Equal((413, "RequestEntityTooLargeException"), (huge.Status, huge.Type));
    }

    [Theory]
    [InlineData("/2015-03-31/functions/fn/invocations", "Sometimes", "Value 'Sometimes' at 'invocationType' failed to satisfy constraint: Member must satisfy enum value set: [Event, RequestResponse, DryRun]")]
    [InlineData("/2015-03-31/functions/" + "f234567890123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890123456789012345678/invocations", null,
        "Member must have length less than or equal to 256")]
    public async Task Lambda_checks_its_path_labels_and_headers_against_the_model(string path, string? invocationType, string expected)
    {
        var (status, response, body) = await emulator.LambdaAsync(HttpMethod.Post, path["/2015-03-31/functions".Length..], new JsonObject(), invocationType);

        Assert.Equal(400, status);
        Assert.Equal("ValidationException", response.Headers.GetValues("x-amzn-ErrorType").Single());
        Assert.Contains(expected, body, StringComparison.Ordinal);
    }
}
