using System.CommandLine;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using BatchKit.Cli.Local;
using BatchKit.Contracts.Worker;
using Spectre.Console;

namespace BatchKit.Cli.Commands;

/// <summary>
/// <c>batchkit logs [execution]</c>: the Lambda functions' output and the ECS tasks' output of an execution's day, as
/// the embedded emulator keeps them (on AWS this is CloudWatch Logs: the functions' and the worker's log groups). The
/// function names come from the stack's outputs.
/// </summary>
internal static class LogsCommand
{
    public static Command Create(IAnsiConsole console)
    {
        var execution = new Argument<string?>("execution")
        {
            Description = "Execution ARN or name; the newest when left out.", Arity = ArgumentArity.ZeroOrOne,
        };
        var lines = new Option<int>("--lines") { Description = "Lines per function and per task, newest last.", DefaultValueFactory = _ => 40 };
        var command = new Command("logs", "Show the Lambda and ECS task output of an execution (embedded emulator).") { execution, lines };
        command.Subcommands.Add(LogsTailCommand.Create(console));
        StackEndpoint.AddTo(command);
        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(console, async ct =>
        {
            using var stack = StackEndpoint.From(parse);
            if (stack.Endpoint is not { } endpoint)
            {
                var functions = $"{stack.Stack.UploadFunctionName}, {stack.Stack.SummaryFunctionName}";
                throw new BatchKitException($"on AWS the logs are in CloudWatch Logs: the log groups of {functions} and the worker's");
            }

            var arn = await WatchCommand.ResolveAsync(stack, parse.GetValue(execution), ct).ConfigureAwait(false);
            var described = await stack.StepFunctions.DescribeExecutionAsync(arn, ct).ConfigureAwait(false);
            var day = ExecutionWatcher.Day(described.Input) ?? throw new BatchKitException($"{described.Name} has no bucket_path in its input");
            var count = parse.GetValue(lines);
            using var http = new HttpClient();
            foreach (var function in new[] { stack.Stack.UploadFunctionName, stack.Stack.SummaryFunctionName })
            {
                var logs = new Uri(endpoint, $"/_batchkit/lambda/logs?function={Uri.EscapeDataString(function)}");
                var log = await http.GetFromJsonAsync<JsonObject>(logs, ct).ConfigureAwait(false);
                console.Write(new Rule($"Lambda {function}") { Justification = Justify.Left });
                foreach (var line in log!["lines"]!.AsArray().TakeLast(count))
                {
                    console.WriteLine(line!.GetValue<string>());
                }
            }

            var dayTasks = new Uri(
                endpoint, $"/_batchkit/ecs/tasks?environment={WorkerEnvironment.S3Key}={Uri.EscapeDataString(Contracts.BucketPrefixes.ProcessedDay(day))}");
            var tasks = await http.GetFromJsonAsync<JsonObject>(dayTasks, ct).ConfigureAwait(false);
            foreach (var task in tasks!["tasks"]!.AsArray())
            {
                var storeFile = Path.GetFileName(task!["environment"]?[WorkerEnvironment.S3Key]?.GetValue<string>());
                var title = $"ECS task {storeFile}: {task["lastStatus"]}, exit {task["exitCode"]?.ToString() ?? "-"}";
                console.Write(new Rule(title) { Justification = Justify.Left });
                foreach (var line in (task["output"]?.GetValue<string>() ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries).TakeLast(count))
                {
                    console.WriteLine(line);
                }
            }
        }, cancellationToken));
        return command;
    }
}
