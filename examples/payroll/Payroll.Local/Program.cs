using BatchKit.Examples.Local;
using Payroll;
using Payroll.Local;

// `payroll-local demo --functions DIR --timesheet FILE`: BatchKit's emulator in this process (or BATCHKIT_ENDPOINT),
// the payroll stack deployed into it, the timesheet uploaded, the run followed to its report. Exit 1 if it fails.
if (args.Length == 0 || args[0] != "demo")
{
    Console.Error.WriteLine("usage: payroll-local demo --functions <dir with the payroll bootstrap> --timesheet <timesheets CSV> [--period 2026-11]");
    return 2;
}

var (functions, timesheet) = (Option("--functions"), Option("--timesheet"));
if (functions is null || timesheet is null)
{
    Console.Error.WriteLine("payroll-local demo: --functions and --timesheet are required");
    return 2;
}

var period = Option("--period") ?? Path.GetFileNameWithoutExtension(timesheet);
if (PayrollKeys.PeriodOf($"{PayrollKeys.Timesheets}{period}.csv") is null)
{
    Console.Error.WriteLine($"payroll-local: '{period}' is not a period name (letters, digits, '-' and '_'): pass --period");
    return 2;
}

// The functions run in place from their published folder: the emulator allows hot reload from there only.
await using var endpoint = await LocalEndpoint.StartAsync(o => o with { HotReloadDirectories = [Path.GetFullPath(functions)] });
Console.WriteLine(endpoint.Emulator is null ? $"endpoint {endpoint.Url} (BATCHKIT_ENDPOINT)" : $"BatchKit emulator started on {endpoint.Url}");
var deployment = await new PayrollStack(endpoint, functions, new Progress<string>(step => Console.WriteLine("  deploy: " + step))).DeployAsync();
var run = new PayrollRun(endpoint, deployment);
var name = await run.UploadAsync(period, await File.ReadAllBytesAsync(timesheet));
Console.WriteLine($"uploaded s3://{deployment.Bucket}/{PayrollKeys.Timesheets}{period}.csv → execution {name}");

var execution = await run.WaitAsync(name, TimeSpan.FromMinutes(2));
Console.WriteLine($"execution {execution.Status}");
if (execution.Status != "SUCCEEDED")
{
    Console.WriteLine($"  {execution.Error}: {execution.Cause}");
    Console.WriteLine("  notification: " + await run.ReadTextAsync(PayrollKeys.Notification(period)));
    return 1;
}

Console.WriteLine("report: " + await run.ReadTextAsync(PayrollKeys.Report(period)));
foreach (var key in await run.KeysAsync($"paystubs/{period}/"))
{
    Console.WriteLine($"  {key}: {await run.ReadTextAsync(key)}");
}

return 0;

string? Option(string name) => Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? args[i + 1] : null;
