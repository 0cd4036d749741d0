using System.IO.Compression;
using BatchKit.Examples.Local;
using LongJob.Jobs;
using LongJob.Local;

// `long-running-job-local demo --functions DIR --worker DIR --files DIR [--email ADDRESS]`: BatchKit's emulator in this
// process (or BATCHKIT_ENDPOINT), the stack deployed into it, the files uploaded under files/, a request for them, and
// the request followed to its mail; the link in the mail is fetched and the archive's entries listed. Exit 1 if it fails.
if (args.Length == 0 || args[0] != "demo")
{
    Console.Error.WriteLine("usage: long-running-job-local demo --functions <bootstrap dir> --worker <worker dir> --files <dir> [--email you@example.com]");
    return 2;
}

var (functions, worker, files) = (Option("--functions"), Option("--worker"), Option("--files"));
if (functions is null || worker is null || files is null || !Directory.Exists(files))
{
    Console.Error.WriteLine("long-running-job-local demo: --functions, --worker and --files (an existing directory) are required");
    return 2;
}

var email = Option("--email") ?? "you@example.com";
await using var endpoint = await LocalEndpoint.StartAsync(o => o with
{
    HotReloadDirectories = [Path.GetFullPath(functions)], // the function runs in place from its build folder
    EcsImageCommands = new Dictionary<string, string[]> { [LongJobNames.LocalImage] = LongJobStack.WorkerCommand(worker) },
});
Console.WriteLine(endpoint.Emulator is null ? $"endpoint {endpoint.Url} (BATCHKIT_ENDPOINT)" : $"BatchKit emulator started on {endpoint.Url}");
var deployment = await new LongJobStack(endpoint, functions, new Progress<string>(step => Console.WriteLine("  deploy: " + step))).DeployAsync();
var run = new LongJobRun(endpoint, deployment);
var keys = new List<string>();
foreach (var file in Directory.EnumerateFiles(files).Order(StringComparer.Ordinal))
{
    keys.Add("files/" + Path.GetFileName(file));
    await run.UploadAsync(keys[^1], await File.ReadAllBytesAsync(file));
}

var requestId = $"demo-{DateTime.UtcNow:yyyyMMddHHmmss}";
await run.SubmitAsync(requestId, new JobRequest(email, keys));
Console.WriteLine($"requested s3://{deployment.Bucket}/{LongJobNames.RequestKey(requestId)}: {keys.Count} objects for {email}");
var record = await run.WaitAsync(requestId, TimeSpan.FromMinutes(2));
Console.WriteLine($"request {record.Status} (task {record.TaskArn})");
if (record.Status != JobStatus.Done)
{
    Console.WriteLine("  " + record.Error);
    return 1;
}

var mail = (await run.MailToAsync(email))[^1];
var text = mail["Text"]!.GetValue<string>();
Console.WriteLine($"mail to {email}: {mail["Subject"]}\n{text}");
var link = text.Split('\n').First(line => line.StartsWith("http", StringComparison.Ordinal));
using var http = new HttpClient();
using var zip = new ZipArchive(new MemoryStream(await http.GetByteArrayAsync(new Uri(link))));
Console.WriteLine("fetched the link: " + string.Join(", ", zip.Entries.Select(e => $"{e.FullName} ({e.Length} bytes)")));
return 0;

string? Option(string name) => Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? args[i + 1] : null;
