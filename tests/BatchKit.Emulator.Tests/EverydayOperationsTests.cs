using System.Text.Json.Nodes;

namespace BatchKit.Emulator.Tests;

/// <summary>
/// The ordinary calls a user reaches for, through the real AWS CLI: Lambda versions, aliases and concurrency; SSM
/// describe, history and tags; ECS clusters and task definitions.
/// </summary>
public sealed class EverydayOperationsTests : IAsyncLifetime
{
    private readonly EmulatorFixture _emulator = new();
    private readonly string _code = LambdaFunctions.CodeDirectory();

    public Task InitializeAsync() => _emulator.InitializeAsync(o => o with { HotReloadDirectories = [_code] });

    public async Task DisposeAsync()
    {
        await _emulator.DisposeAsync();
        Directory.Delete(_code, recursive: true);
    }

    [Fact]
    public async Task Lambda_concurrency_is_Lambdas_on_every_API_date_and_a_reserved_zero_throttles()
    {
        await CreateFunctionAsync("limited", "hello");
        var none = await Ok("lambda", "get-function-concurrency", "--function-name", "limited");
        Assert.Null(JsonNode.Parse(none.Output.Length == 0 ? "{}" : none.Output)!["ReservedConcurrentExecutions"]);

        await Ok("lambda", "put-function-concurrency", "--function-name", "limited", "--reserved-concurrent-executions", "0");
        var got = JsonNode.Parse((await Ok("lambda", "get-function-concurrency", "--function-name", "limited")).Output)!;
        Assert.Equal(0, got["ReservedConcurrentExecutions"]!.GetValue<int>());
        var (exit, _, error) = await AwsCli.RunAsync(_emulator.Host.ServiceUrl, "lambda", "invoke", "--function-name", "limited", "/dev/null");
        Assert.NotEqual(0, exit);
        Assert.Contains("TooManyRequestsException", error, StringComparison.Ordinal);

        await Ok("lambda", "delete-function-concurrency", "--function-name", "limited");
        var (missing, _, missingError) = await AwsCli.RunAsync(_emulator.Host.ServiceUrl, "lambda", "get-function-concurrency", "--function-name", "nope");
        Assert.NotEqual(0, missing);
        Assert.Contains("ResourceNotFoundException", missingError, StringComparison.Ordinal);
        Assert.DoesNotContain("NoSuchBucket", missingError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_published_version_keeps_its_configuration_and_an_alias_invokes_it()
    {
        await CreateFunctionAsync("greeter", "hello");
        var published = JsonNode.Parse((await Ok("lambda", "publish-version", "--function-name", "greeter")).Output)!;
        Assert.Equal("1", published["Version"]!.GetValue<string>());
        Assert.Equal("arn:aws:lambda:us-east-1:000000000000:function:greeter:1", published["FunctionArn"]!.GetValue<string>());
        await Ok("lambda", "create-alias", "--function-name", "greeter", "--name", "live", "--function-version", "1");
        await Ok("lambda", "update-function-configuration", "--function-name", "greeter", "--environment", "Variables={GREETING=bye}");

        Assert.Equal(("hello", "arn:aws:lambda:us-east-1:000000000000:function:greeter:1"), await InvokeAsync("greeter:live"));
        Assert.Equal(("bye", "arn:aws:lambda:us-east-1:000000000000:function:greeter"), await InvokeAsync("greeter"));

        var versions = JsonNode.Parse((await Ok("lambda", "list-versions-by-function", "--function-name", "greeter")).Output)!["Versions"]!.AsArray();
        Assert.Equal(["$LATEST", "1"], versions.Select(v => v!["Version"]!.GetValue<string>()));
        var aliases = JsonNode.Parse((await Ok("lambda", "list-aliases", "--function-name", "greeter")).Output)!["Aliases"]!.AsArray();
        Assert.Equal("live", Assert.Single(aliases)!["Name"]!.GetValue<string>());
        await Ok("lambda", "delete-alias", "--function-name", "greeter", "--name", "live");
        var (exit, _, error) = await AwsCli.RunAsync(_emulator.Host.ServiceUrl, "lambda", "get-alias", "--function-name", "greeter", "--name", "live");
        Assert.NotEqual(0, exit);
        Assert.Contains("ResourceNotFoundException", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ssm_describes_parameters_keeps_their_history_and_tags()
    {
        await Ok("ssm", "put-parameter", "--name", "/app/db/host", "--value", "one", "--type", "String", "--tags", "Key=team,Value=data");
        await Ok("ssm", "put-parameter", "--name", "/app/db/host", "--value", "two", "--overwrite");
        await Ok("ssm", "put-parameter", "--name", "/app/name", "--value", "batchkit", "--type", "String");
        await Ok("ssm", "put-parameter", "--name", "/other/x", "--value", "x", "--type", "String");

        var described = JsonNode.Parse((await Ok("ssm", "describe-parameters", "--parameter-filters", "Key=Path,Option=Recursive,Values=/app")).Output)!;
        Assert.Equal(["/app/db/host", "/app/name"], described["Parameters"]!.AsArray().Select(p => p!["Name"]!.GetValue<string>()));
        Assert.Null(described["Parameters"]![0]!["Value"]);

        var history = JsonNode.Parse((await Ok("ssm", "get-parameter-history", "--name", "/app/db/host")).Output)!["Parameters"]!.AsArray();
        Assert.Equal([("one", 1), ("two", 2)], history.Select(p => (p!["Value"]!.GetValue<string>(), p["Version"]!.GetValue<int>())));

        await Ok("ssm", "add-tags-to-resource", "--resource-type", "Parameter", "--resource-id", "/app/db/host", "--tags", "Key=env,Value=local");
        var tags = JsonNode.Parse((await Ok("ssm", "list-tags-for-resource", "--resource-type", "Parameter", "--resource-id", "/app/db/host")).Output)!["TagList"]!.AsArray();
        Assert.Equal(["env=local", "team=data"], tags.Select(t => $"{t!["Key"]}={t["Value"]}"));
        var byTag = JsonNode.Parse((await Ok("ssm", "describe-parameters", "--parameter-filters", "Key=tag:team,Values=data")).Output)!;
        Assert.Equal("/app/db/host", Assert.Single(byTag["Parameters"]!.AsArray())!["Name"]!.GetValue<string>());
    }

    [Fact]
    public async Task Ecs_lists_and_describes_clusters_and_deregisters_task_definitions()
    {
        await Ok("ecs", "create-cluster", "--cluster-name", "validation");
        var clusters = JsonNode.Parse((await Ok("ecs", "list-clusters")).Output)!["clusterArns"]!.AsArray();
        Assert.Contains("arn:aws:ecs:us-east-1:000000000000:cluster/validation", clusters.Select(c => c!.GetValue<string>()));
        var described = JsonNode.Parse((await Ok("ecs", "describe-clusters", "--clusters", "validation", "missing")).Output)!;
        Assert.Equal(("validation", "ACTIVE"), (described["clusters"]![0]!["clusterName"]!.GetValue<string>(), described["clusters"]![0]!["status"]!.GetValue<string>()));
        Assert.Equal("MISSING", described["failures"]![0]!["reason"]!.GetValue<string>());

        var definition = """[{"name":"app","image":"validator","essential":true}]""";
        await Ok("ecs", "register-task-definition", "--family", "validate", "--container-definitions", definition);
        await Ok("ecs", "register-task-definition", "--family", "validate", "--container-definitions", definition);
        await Ok("ecs", "deregister-task-definition", "--task-definition", "validate:2");

        var active = JsonNode.Parse((await Ok("ecs", "list-task-definitions", "--family-prefix", "validate")).Output)!["taskDefinitionArns"]!.AsArray();
        Assert.Equal(["arn:aws:ecs:us-east-1:000000000000:task-definition/validate:1"], active.Select(a => a!.GetValue<string>()));
        var inactive = JsonNode.Parse((await Ok("ecs", "list-task-definitions", "--status", "INACTIVE")).Output)!["taskDefinitionArns"]!.AsArray();
        Assert.Equal(["arn:aws:ecs:us-east-1:000000000000:task-definition/validate:2"], inactive.Select(a => a!.GetValue<string>()));
        var latest = JsonNode.Parse((await Ok("ecs", "describe-task-definition", "--task-definition", "validate")).Output)!;
        Assert.Equal(1, latest["taskDefinition"]!["revision"]!.GetValue<int>());
    }

    private async Task CreateFunctionAsync(string name, string greeting) =>
        await Ok("lambda", "create-function", "--function-name", name, "--runtime", "provided.al2023", "--role", "arn:aws:iam::000000000000:role/lambda",
            "--handler", "echo", "--code", $"S3Bucket=hot-reload,S3Key={_code}", "--environment", $"Variables={{GREETING={greeting}}}");

    private async Task<(string Greeting, string Arn)> InvokeAsync(string name)
    {
        var parts = name.Split(':');
        var outFile = Path.Combine(_code, Guid.NewGuid().ToString("N") + ".json");
        string[] qualifier = parts.Length > 1 ? ["--qualifier", parts[1]] : [];
        await Ok(["lambda", "invoke", "--function-name", parts[0], .. qualifier, outFile]);
        var result = JsonNode.Parse(await File.ReadAllTextAsync(outFile))!;
        return (result["greeting"]!.GetValue<string>(), result["arn"]!.GetValue<string>());
    }

    private async Task<(int ExitCode, string Output, string Error)> Ok(params string[] args)
    {
        var result = await AwsCli.RunAsync(_emulator.Host.ServiceUrl, args);
        Assert.True(result.ExitCode == 0, $"aws {string.Join(' ', args)}: {result.Error}");
        return result;
    }
}
