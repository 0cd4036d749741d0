using System.IO.Compression;
using System.Text;
using System.Text.Json.Nodes;

namespace BatchKit.Emulator.Tests;

/// <summary>
/// Lambda's limits and rules with its own codes and messages: payloads, deployment package size and contents,
/// reserved environment keys, the role, and hot reload only from directories allowed at start (issue 12 items 3 and 4).
/// </summary>
public sealed class LambdaLimitsTests(EmulatorFixture emulator) : IClassFixture<EmulatorFixture>, IDisposable
{
    private const string Role = "arn:aws:iam::000000000000:role/lambda";
    private readonly string _files = Directory.CreateTempSubdirectory("batchkit-lambda-limits-").FullName;

    public void Dispose() => Directory.Delete(_files, recursive: true);

    private static string Base64Zip(params (string Name, byte[] Content, string? LinkTarget)[] entries)
    {
        using var buffer = new MemoryStream();
        using (var archive = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, content, link) in entries)
            {
                var entry = archive.CreateEntry(name, CompressionLevel.Fastest);
                if (link is not null)
                {
                    entry.ExternalAttributes = unchecked((int)(0xA1FFu << 16)); // S_IFLNK | 0777, as zip -y stores a symbolic link
                }

                using var stream = entry.Open();
                stream.Write(link is null ? content : Encoding.UTF8.GetBytes(link));
            }
        }

        return Convert.ToBase64String(buffer.ToArray());
    }

    private static readonly (string, byte[], string?) Bootstrap = ("bootstrap", "#!/bin/sh\n"u8.ToArray(), null);

    private Task<(int Status, HttpResponseMessage Response, string Body)> CreateAsync(string name, string zipBase64, JsonObject? environment = null) =>
        emulator.LambdaAsync(HttpMethod.Post, "", new JsonObject
        {
            ["FunctionName"] = name, ["Runtime"] = "provided.al2023", ["Role"] = Role, ["Handler"] = "h",
            ["Code"] = new JsonObject { ["ZipFile"] = zipBase64 },
            ["Environment"] = environment is null ? null : new JsonObject { ["Variables"] = environment },
        });

    private static void AssertError(int status, string code, string message, (int Status, HttpResponseMessage Response, string Body) answer)
    {
        Assert.Equal(status, answer.Status);
        Assert.Equal(code, answer.Response.Headers.GetValues("x-amzn-ErrorType").Single());
        Assert.Contains(message, answer.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Payloads_over_6_MB_and_async_payloads_over_1_MB_are_too_large()
    {
        Assert.Equal(201, (await CreateAsync("payloads", Base64Zip(Bootstrap))).Status);
        var big = new JsonObject { ["data"] = new string('x', 6_300_000) };
        AssertError(413, "RequestTooLargeException", "Request must be smaller than 6291456 bytes for the InvokeFunction operation",
            await emulator.LambdaAsync(HttpMethod.Post, "/payloads/invocations", big));

        var medium = new JsonObject { ["data"] = new string('x', 1_100_000) };
        AssertError(413, "RequestTooLargeException", "Request must be smaller than 1048576 bytes",
            await emulator.LambdaAsync(HttpMethod.Post, "/payloads/invocations", medium, invocationType: "Event"));
    }

    [Fact]
    public async Task A_package_over_250_MB_unzipped_is_refused()
    {
        using var buffer = new MemoryStream();
        using (var archive = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            using var stream = archive.CreateEntry("bootstrap", CompressionLevel.Fastest).Open();
            var zeros = new byte[1 << 20];
            for (var i = 0; i < 251; i++)
            {
                stream.Write(zeros);
            }
        }

        AssertError(400, "InvalidParameterValueException", "Unzipped size must be smaller than 262144000 bytes",
            await CreateAsync("huge", Convert.ToBase64String(buffer.ToArray())));
    }

    [Fact]
    public async Task Symbolic_links_stay_inside_the_package_and_no_entry_comes_twice()
    {
        AssertError(400, "InvalidParameterValueException", "points to '/bin/sh', outside the package",
            await CreateAsync("linkout", Base64Zip(("bootstrap", [], "/bin/sh"))));
        AssertError(400, "InvalidParameterValueException", "outside its root",
            await CreateAsync("linkup", Base64Zip(Bootstrap, ("lib/x", [], "../../../etc/passwd"))));
        AssertError(400, "InvalidParameterValueException", "holds 'bootstrap' twice",
            await CreateAsync("twice", Base64Zip(Bootstrap, Bootstrap)));

        Assert.Equal(201, (await CreateAsync("linkin", Base64Zip(("bin/run", "#!/bin/sh\n"u8.ToArray(), null), ("bootstrap", [], "bin/run")))).Status);
    }

    [Fact]
    public async Task Reserved_environment_keys_and_4_KB_of_variables_are_refused()
    {
        AssertError(400, "InvalidParameterValueException", "Reserved keys used in this request: AWS_REGION,AWS_SECRET_ACCESS_KEY",
            await CreateAsync("reserved", Base64Zip(Bootstrap), new JsonObject { ["AWS_SECRET_ACCESS_KEY"] = "x", ["AWS_REGION"] = "eu-west-1", ["MINE"] = "ok" }));
        AssertError(400, "InvalidParameterValueException", "exceeded the 4KB limit",
            await CreateAsync("bigenv", Base64Zip(Bootstrap), new JsonObject { ["BIG"] = new string('b', 4100) }));
    }

    [Fact]
    public async Task The_AWS_CLI_gets_ValidationException_for_a_role_that_is_not_a_role_ARN()
    {
        var zip = Path.Combine(_files, "code.zip");
        await File.WriteAllBytesAsync(zip, Convert.FromBase64String(Base64Zip(Bootstrap)));
        var (exit, _, error) = await AwsCli.RunAsync(emulator.Host.ServiceUrl, "lambda", "create-function", "--function-name", "norole",
            "--runtime", "provided.al2023", "--role", "lambda-role", "--handler", "h", "--zip-file", "fileb://" + zip);

        Assert.NotEqual(0, exit);
        Assert.Contains("(ValidationException)", error, StringComparison.Ordinal);
        Assert.Contains("Value 'lambda-role' at 'role' failed to satisfy constraint: Member must satisfy regular expression pattern", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Hot_reload_runs_only_directories_allowed_at_start()
    {
        await File.WriteAllTextAsync(Path.Combine(_files, "bootstrap"), "#!/bin/sh\n");
        var (exit, _, error) = await AwsCli.RunAsync(emulator.Host.ServiceUrl, "lambda", "create-function", "--function-name", "hot",
            "--runtime", "provided.al2023", "--role", Role, "--handler", "h", "--code", $"S3Bucket=hot-reload,S3Key={_files}");

        Assert.NotEqual(0, exit);
        Assert.Contains("(InvalidParameterValueException)", error, StringComparison.Ordinal);
        Assert.Contains($"Hot reload from '{_files}' is not allowed: start the emulator with --allow-hot-reload", error, StringComparison.Ordinal);
    }
}
