using System.IO.Compression;
using System.Text;
using System.Text.Json.Nodes;
using Amazon.S3.Model;

namespace BatchKit.Emulator.Tests;

/// <summary>
/// Lambda functions as real bootstrap processes behind the Runtime API, driven by the AWS CLI and raw REST calls;
/// S3 notifications into them; and Step Functions' lambda:invoke and states:startExecution integrations.
/// </summary>
public sealed class LambdaTests : IAsyncLifetime
{
    private readonly EmulatorFixture _emulator = new();
    private readonly string _code = LambdaFunctions.CodeDirectory();
    private readonly string _state = Directory.CreateTempSubdirectory("batchkit-lambda-state-").FullName;

    public Task InitializeAsync() =>
        _emulator.InitializeAsync(o => o with { LambdaAsyncRetryDelays = [TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(100)], HotReloadDirectories = [_code] });

    public async Task DisposeAsync()
    {
        await _emulator.DisposeAsync();
        Directory.Delete(_code, recursive: true);
        Directory.Delete(_state, recursive: true);
    }

    private Task<(int Status, HttpResponseMessage Response, string Body)> CreateAsync(string name, string handler, int timeout = 10) =>
        _emulator.LambdaAsync(HttpMethod.Post, "", new JsonObject
        {
            ["FunctionName"] = name,
            ["Runtime"] = "provided.al2023",
            ["Role"] = "arn:aws:iam::000000000000:role/lambda",
            ["Handler"] = handler,
            ["Timeout"] = timeout,
            ["Code"] = new JsonObject { ["S3Bucket"] = "hot-reload", ["S3Key"] = _code },
            ["Environment"] = new JsonObject { ["Variables"] = new JsonObject { ["GREETING"] = "hello", ["STATE_DIR"] = _state } },
        });

    private async Task<(JsonObject Result, string Payload)> CliInvokeAsync(string name, string payload)
    {
        var outFile = Path.Combine(_state, Guid.NewGuid().ToString("N") + ".out");
        var (exit, output, error) = await AwsCli.RunAsync(_emulator.Host.ServiceUrl, "lambda", "invoke", "--function-name", name, "--payload", payload, outFile);
        Assert.True(exit == 0, error);
        var text = await File.ReadAllTextAsync(outFile);
        File.Delete(outFile);
        return (JsonNode.Parse(output)!.AsObject(), text);
    }

    [Fact]
    public async Task The_AWS_CLI_creates_and_invokes_a_function_whose_bootstrap_runs_warm()
    {
        var (exit, created, error) = await AwsCli.RunAsync(_emulator.Host.ServiceUrl, "lambda", "create-function", "--function-name", "echo",
            "--runtime", "provided.al2023", "--role", "arn:aws:iam::000000000000:role/lambda", "--handler", "echo",
            "--code", $"S3Bucket=hot-reload,S3Key={_code}", "--environment", $"Variables={{GREETING=hi there,STATE_DIR={_state}}}");
        Assert.True(exit == 0, error);
        Assert.Equal("arn:aws:lambda:us-east-1:000000000000:function:echo", JsonNode.Parse(created)!["FunctionArn"]!.GetValue<string>());

        var before = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var (first, firstPayload) = await CliInvokeAsync("echo", """{"day":"2026-11-22"}""");
        var after = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        Assert.Equal(200, first["StatusCode"]!.GetValue<int>());
        Assert.Null(first["FunctionError"]);
        var echoed = JsonNode.Parse(firstPayload)!;
        Assert.Equal("2026-11-22", echoed["event"]!["day"]!.GetValue<string>());
        Assert.Equal("echo", echoed["function"]!.GetValue<string>());
        Assert.Equal("hi there", echoed["greeting"]!.GetValue<string>());
        Assert.Equal(_emulator.Host.ServiceUrl.ToString().TrimEnd('/'), echoed["endpoint"]!.GetValue<string>());
        Assert.InRange(echoed["deadline"]!.GetValue<long>(), before + 3_000, after + 3_000); // handed over during the call, plus the default Timeout of 3 s

        var (_, secondPayload) = await CliInvokeAsync("echo", "{}");
        Assert.Equal(echoed["pid"]!.GetValue<int>(), JsonNode.Parse(secondPayload)!["pid"]!.GetValue<int>()); // the same warm environment

        var (getExit, got, _) = await AwsCli.RunAsync(_emulator.Host.ServiceUrl, "lambda", "get-function", "--function-name", "arn:aws:lambda:us-east-1:000000000000:function:echo");
        Assert.Equal(0, getExit);
        Assert.Equal("echo", JsonNode.Parse(got)!["Configuration"]!["Handler"]!.GetValue<string>());

        var (missingExit, _, missingError) = await AwsCli.RunAsync(_emulator.Host.ServiceUrl, "lambda", "invoke", "--function-name", "nope", "--payload", "{}", "/dev/null");
        Assert.NotEqual(0, missingExit);
        Assert.Contains("ResourceNotFoundException", missingError, StringComparison.Ordinal);
        Assert.Contains("function:nope", missingError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_deployment_package_zip_is_unpacked_and_its_bootstrap_made_executable()
    {
        var zip = Path.Combine(_state, "code.zip");
        using (var archive = ZipFile.Open(zip, ZipArchiveMode.Create))
        {
            archive.CreateEntryFromFile(Path.Combine(_code, "bootstrap"), "bootstrap"); // a zip made this way keeps no exec bit
        }

        var (exit, _, error) = await AwsCli.RunAsync(_emulator.Host.ServiceUrl, "lambda", "create-function", "--function-name", "zipped",
            "--runtime", "provided.al2023", "--role", "arn:aws:iam::000000000000:role/lambda", "--handler", "echo", "--zip-file", "fileb://" + zip);
        Assert.True(exit == 0, error);

        var (result, payload) = await CliInvokeAsync("zipped", """{"n":1}""");
        Assert.Null(result["FunctionError"]);
        Assert.Equal(1, JsonNode.Parse(payload)!["event"]!["n"]!.GetValue<int>());
        Assert.StartsWith(Path.GetFullPath(_emulator.DataDirectory), Directory.GetDirectories(Path.Combine(_emulator.DataDirectory, "lambda", "zipped")).Single(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Function_errors_crashes_and_timeouts_answer_as_Lambda_does_and_the_next_call_still_works()
    {
        Assert.Equal(201, (await CreateAsync("fail", "fail")).Status);
        Assert.Equal(201, (await CreateAsync("crash", "crash")).Status);
        Assert.Equal(201, (await CreateAsync("sleep", "sleep", timeout: 1)).Status);

        var (status, response, body) = await _emulator.LambdaAsync(HttpMethod.Post, "/fail/invocations", new JsonObject { ["x"] = 1 });
        Assert.Equal(200, status);
        Assert.Equal("Unhandled", response.Headers.GetValues("X-Amz-Function-Error").Single());
        Assert.Equal("ValueError", JsonNode.Parse(body)!["errorType"]!.GetValue<string>());
        Assert.Contains("bad input: {\"x\": 1}", JsonNode.Parse(body)!["errorMessage"]!.GetValue<string>(), StringComparison.Ordinal);

        (status, response, body) = await _emulator.LambdaAsync(HttpMethod.Post, "/crash/invocations", new JsonObject());
        Assert.Equal("Unhandled", response.Headers.GetValues("X-Amz-Function-Error").Single());
        Assert.Equal("Runtime.ExitError", JsonNode.Parse(body)!["errorType"]!.GetValue<string>());
        Assert.Contains("exit status 3", body, StringComparison.Ordinal);

        (_, response, body) = await _emulator.LambdaAsync(HttpMethod.Post, "/sleep/invocations", new JsonObject { ["seconds"] = 30 });
        Assert.Equal("Sandbox.Timedout", JsonNode.Parse(body)!["errorType"]!.GetValue<string>());
        Assert.Contains("Task timed out after 1.00 seconds", body, StringComparison.Ordinal);

        (status, _, body) = await _emulator.LambdaAsync(HttpMethod.Post, "/sleep/invocations", new JsonObject { ["seconds"] = 0 });
        Assert.Equal(200, status);
        Assert.True(JsonNode.Parse(body)!["slept"]!.GetValue<bool>());
    }

    [Fact]
    public async Task Bad_requests_get_Lambda_shaped_errors()
    {
        Assert.Equal(201, (await CreateAsync("echo2", "echo")).Status);
        var (status, response, body) = await _emulator.LambdaAsync(HttpMethod.Post, "", new JsonObject
        {
            ["FunctionName"] = "py", ["Runtime"] = "python3.12", ["Role"] = "arn:aws:iam::000000000000:role/lambda", ["Handler"] = "h",
            ["Code"] = new JsonObject { ["S3Bucket"] = "hot-reload", ["S3Key"] = _code },
        });
        Assert.Equal(400, status);
        Assert.Equal("InvalidParameterValueException", response.Headers.GetValues("x-amzn-ErrorType").Single());
        Assert.Contains("python3.12", body, StringComparison.Ordinal);

        (status, response, _) = await CreateAsync("echo2", "echo");
        Assert.Equal(409, status);
        Assert.Equal("ResourceConflictException", response.Headers.GetValues("x-amzn-ErrorType").Single());

        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(_emulator.Host.ServiceUrl, "/2015-03-31/functions/echo2/invocations"))
        {
            Content = new StringContent("{not json", Encoding.UTF8, "application/json"),
        };
        await SignedRequests.SignAsync(request, "lambda");
        using var bad = await _emulator.Http.SendAsync(request);
        Assert.Equal(400, (int)bad.StatusCode);
        Assert.Contains("InvalidRequestContentException", await bad.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        (status, response, _) = await _emulator.LambdaAsync(HttpMethod.Get, "/echo2/policy"); // GetPolicy: not emulated
        Assert.Equal(404, status);
        Assert.Equal("UnknownOperationException", response.Headers.GetValues("x-amzn-ErrorType").Single());
    }

    [Fact]
    public async Task An_async_invoke_that_fails_is_retried_twice()
    {
        Assert.Equal(201, (await CreateAsync("flaky", "flaky")).Status);
        var (status, _, _) = await _emulator.LambdaAsync(HttpMethod.Post, "/flaky/invocations", new JsonObject { ["n"] = 7 }, invocationType: "Event");
        Assert.Equal(202, status);

        var done = Path.Combine(_state, "done.json");
        await LambdaFunctions.WaitUntilAsync(() => File.Exists(done), "the third attempt");
        Assert.Equal("3", await File.ReadAllTextAsync(Path.Combine(_state, "attempts")));
        Assert.Equal(7, JsonNode.Parse(await File.ReadAllTextAsync(done))!["n"]!.GetValue<int>());
    }

    [Fact]
    public async Task S3_notifies_the_function_of_matching_uploads_with_the_key_URL_encoded()
    {
        Assert.Equal(201, (await CreateAsync("record", "record")).Status);
        using var s3 = _emulator.S3();
        await s3.PutBucketAsync("sales");
        var (exit, _, error) = await AwsCli.RunAsync(_emulator.Host.ServiceUrl, "s3api", "put-bucket-notification-configuration", "--bucket", "sales",
            "--notification-configuration", """
            {"LambdaFunctionConfigurations":[{"Id":"uploads","LambdaFunctionArn":"arn:aws:lambda:us-east-1:000000000000:function:record",
              "Events":["s3:ObjectCreated:*"],"Filter":{"Key":{"FilterRules":[{"Name":"prefix","Value":"uploads/"},{"Name":"suffix","Value":".zip"}]}}}]}
            """);
        Assert.True(exit == 0, error);

        await s3.PutObjectAsync(new PutObjectRequest { BucketName = "sales", Key = "uploads/not a zip.txt", ContentBody = "x" });
        await s3.PutObjectAsync(new PutObjectRequest { BucketName = "sales", Key = "elsewhere/day.zip", ContentBody = "x" });
        var put = await s3.PutObjectAsync(new PutObjectRequest { BucketName = "sales", Key = "uploads/day 1 (ü).zip", ContentBody = "zip bytes" });

        // S3 decides which configurations match while it answers the PUT, so once the three PUTs have returned, the
        // function's accepted events are final: exactly one, for the matching key.
        var accepted = JsonNode.Parse(await _emulator.Http.GetStringAsync(new Uri(_emulator.Host.ServiceUrl, "/_batchkit/lambda/async-events?function=record")))!["events"]!.AsArray();
        var acceptedEvent = JsonNode.Parse(Assert.Single(accepted)!["event"]!.GetValue<string>())!;
        Assert.Equal("uploads/day+1+%28%C3%BC%29.zip", acceptedEvent["Records"]![0]!["s3"]!["object"]!["key"]!.GetValue<string>());
        await LambdaFunctions.WaitUntilAsync(() => Directory.GetFiles(_state, "*.json").Length > 0, "the S3 event");
        var record = JsonNode.Parse(await File.ReadAllTextAsync(Directory.GetFiles(_state, "*.json").Single()))!["Records"]![0]!;
        Assert.Equal("ObjectCreated:Put", record["eventName"]!.GetValue<string>());
        Assert.Equal("aws:s3", record["eventSource"]!.GetValue<string>());
        Assert.Equal("uploads", record["s3"]!["configurationId"]!.GetValue<string>());
        Assert.Equal("sales", record["s3"]!["bucket"]!["name"]!.GetValue<string>());
        Assert.Equal("uploads/day+1+%28%C3%BC%29.zip", record["s3"]!["object"]!["key"]!.GetValue<string>());
        Assert.Equal(9, record["s3"]!["object"]!["size"]!.GetValue<long>());
        Assert.Equal(put.ETag.Trim('"'), record["s3"]!["object"]!["eTag"]!.GetValue<string>());

        var (getExit, got, _) = await AwsCli.RunAsync(_emulator.Host.ServiceUrl, "s3api", "get-bucket-notification-configuration", "--bucket", "sales");
        Assert.Equal(0, getExit);
        Assert.Equal(".zip", JsonNode.Parse(got)!["LambdaFunctionConfigurations"]![0]!["Filter"]!["Key"]!["FilterRules"]!.AsArray()
            .Single(r => r!["Name"]!.GetValue<string>().Equals("suffix", StringComparison.OrdinalIgnoreCase))!["Value"]!.GetValue<string>());

        var (badExit, _, badError) = await AwsCli.RunAsync(_emulator.Host.ServiceUrl, "s3api", "put-bucket-notification-configuration", "--bucket", "sales",
            "--notification-configuration", """{"LambdaFunctionConfigurations":[{"LambdaFunctionArn":"arn:aws:lambda:us-east-1:000000000000:function:gone","Events":["s3:ObjectCreated:*"]}]}""");
        Assert.NotEqual(0, badExit);
        Assert.Contains("Unable to validate the following destination configurations", badError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Step_Functions_invokes_functions_and_nested_executions()
    {
        Assert.Equal(201, (await CreateAsync("echo3", "echo")).Status);
        Assert.Equal(201, (await CreateAsync("fail3", "fail")).Status);
        var child = await CreateMachineAsync("child", """{"StartAt":"P","States":{"P":{"Type":"Pass","Parameters":{"doubled.$":"States.MathAdd($.n, $.n)"},"End":true}}}""");
        var parent = await CreateMachineAsync("parent", $$$$"""
            {"StartAt":"Invoke","States":{
              "Invoke":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","Parameters":{"FunctionName":"echo3","Payload":{"n.$":"$.n"}},
                        "ResultSelector":{"n.$":"$.Payload.event.n","version.$":"$.ExecutedVersion"},"Next":"Legacy"},
              "Legacy":{"Type":"Task","Resource":"arn:aws:lambda:us-east-1:000000000000:function:echo3","ResultPath":"$.legacy","Next":"Child"},
              "Child":{"Type":"Task","Resource":"arn:aws:states:::states:startExecution.sync:2","Parameters":{"StateMachineArn":"{{{{child}}}}","Input":{"n.$":"$.n"}},
                       "ResultSelector":{"doubled.$":"$.Output.doubled"},"ResultPath":"$.child","Next":"Fail"},
              "Fail":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","Parameters":{"FunctionName":"fail3","Payload":{}},
                      "Catch":[{"ErrorEquals":["ValueError"],"ResultPath":"$.caught","Next":"Done"}],"End":true},
              "Done":{"Type":"Pass","End":true}}}
            """);

        var (_, started) = await _emulator.JsonAsync("AWSStepFunctions.StartExecution", "states", new JsonObject { ["stateMachineArn"] = parent, ["input"] = """{"n":21}""" });
        var executionArn = started["executionArn"]!.GetValue<string>();
        var described = await _emulator.WaitForExecutionAsync(executionArn);

        Assert.True(described["status"]!.GetValue<string>() == "SUCCEEDED", described.ToJsonString());
        var output = JsonNode.Parse(described["output"]!.GetValue<string>())!;
        Assert.Equal(21, output["n"]!.GetValue<int>());
        Assert.Equal("echo3", output["legacy"]!["function"]!.GetValue<string>());
        Assert.Equal(42, output["child"]!["doubled"]!.GetValue<int>());
        Assert.Equal("ValueError", output["caught"]!["Error"]!.GetValue<string>());
        Assert.Contains("bad input", output["caught"]!["Cause"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    private async Task<string> CreateMachineAsync(string name, string definition)
    {
        var (status, created) = await _emulator.JsonAsync("AWSStepFunctions.CreateStateMachine", "states", new JsonObject
        {
            ["name"] = name, ["definition"] = definition, ["roleArn"] = "arn:aws:iam::000000000000:role/sfn",
        });
        Assert.True(status == 200, created.ToJsonString());
        return created["stateMachineArn"]!.GetValue<string>();
    }
}
