using BatchKit.Examples.Local;
using ScheduledValidation;
using ScheduledValidation.Local;

// `scheduled-validation-local demo --functions DIR --worker FILE --files DIR`: BatchKit's emulator in this process (or
// BATCHKIT_ENDPOINT) running the worker image as the built worker, the stack deployed with a rate(1 minute) schedule,
// the CSV files uploaded under orders/incoming/, then the completion event the schedule's run sends, and each file's
// result object. Exit 1 if no event arrives within two minutes.
if (args.Length == 0 || args[0] != "demo")
{
    Console.Error.WriteLine(
        "usage: scheduled-validation-local demo --functions <dir with the bootstrap> --worker <validation-worker program> --files <dir of CSVs>");
    return 2;
}

var (functions, worker, files) = (Option("--functions"), Option("--worker"), Option("--files"));
if (functions is null || worker is null || files is null || !File.Exists(worker) || !Directory.Exists(files))
{
    Console.Error.WriteLine("scheduled-validation-local demo: --functions, --worker (an existing program) and --files (an existing folder) are required");
    return 2;
}

await using var endpoint = await LocalEndpoint.StartAsync(o => o with
{
    HotReloadDirectories = [Path.GetFullPath(functions)], // the function runs in place from its build folder
    EcsImageCommands = new Dictionary<string, string[]> { [ValidationNames.WorkerImage] = [Path.GetFullPath(worker)] },
});
Console.WriteLine(endpoint.Emulator is null ? $"endpoint {endpoint.Url} (BATCHKIT_ENDPOINT)" : $"BatchKit emulator started on {endpoint.Url}");
var stack = new ScheduledValidationStack(endpoint, functions, new Progress<string>(step => Console.WriteLine("  deploy: " + step)))
{
    ScheduleExpression = "rate(1 minute)",
};
var deployment = await stack.DeployAsync();
var run = new ScheduledValidationRun(endpoint, deployment);
foreach (var file in Directory.GetFiles(files, "*.csv").Order(StringComparer.Ordinal))
{
    Console.WriteLine($"uploaded s3://{deployment.Bucket}/{await run.UploadAsync(Path.GetFileName(file), await File.ReadAllBytesAsync(file))}");
}

Console.WriteLine($"waiting for the schedule ({stack.ScheduleExpression}) to start the run and its completion event to reach the queue...");
System.Text.Json.Nodes.JsonObject completion;
try
{
    completion = await run.ReceiveCompletionAsync(TimeSpan.FromMinutes(2));
}
catch (TimeoutException e)
{
    Console.Error.WriteLine("scheduled-validation-local: " + e.Message);
    return 1;
}

var detail = completion["detail"]!;
Console.WriteLine($"completion event (run {detail["run"]}):");
foreach (var result in detail["files"]!.AsArray())
{
    Console.WriteLine($"  {result!["key"]}: {result["valid_rows"]} valid, {result["invalid_rows"]} invalid");
    Console.WriteLine($"    {result["result_key"]}: {await run.ReadTextAsync(result["result_key"]!.GetValue<string>())}");
}

return 0;

string? Option(string name) => Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? args[i + 1] : null;
