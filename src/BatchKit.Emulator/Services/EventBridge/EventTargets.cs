using System.Collections.Concurrent;
using System.Text;
using System.Text.Json.Nodes;
using BatchKit.Emulator.Services.Lambda;
using BatchKit.Emulator.Services.Sqs;
using BatchKit.Emulator.Services.StepFunctions;

namespace BatchKit.Emulator.Services.EventBridge;

/// <summary>
/// Delivers a matched event to a rule's targets by their ARN's service: a Lambda function (invoked asynchronously), an
/// SQS queue, a Step Functions state machine (StartExecution) or another event bus. Every delivery is recorded with
/// its outcome, so a failed one can be seen (AWS would retry it and then send it to a dead-letter queue).
/// https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-targets.html
/// </summary>
internal sealed class EventTargets(SqsProvider sqs, LambdaProvider lambda)
{
    private StepFunctionsProvider? _stepFunctions;
    private Action<string, JsonObject>? _route;

    public ConcurrentQueue<JsonObject> Deliveries { get; } = new();

    /// <summary>Step Functions and the routing of an event onto another bus are wired after construction (they are built later).</summary>
    public void Connect(StepFunctionsProvider stepFunctions, Action<string, JsonObject> route) => (_stepFunctions, _route) = (stepFunctions, route);

    public void Deliver(EventRule rule, JsonObject target, JsonObject @event)
    {
        var arn = target["Arn"]!.GetValue<string>();
        var input = TargetInput.For(target, @event, rule);
        string? error = null;
        try
        {
            error = Send(arn, input, target);
        }
        catch (Exception e) when (e is Protocol.ServiceErrorException or InvalidOperationException)
        {
            error = e.Message;
        }

        Deliveries.Enqueue(new JsonObject
        {
            ["Rule"] = rule.Arn, ["TargetId"] = target["Id"]!.DeepClone(), ["TargetArn"] = arn, ["EventId"] = @event["id"]!.DeepClone(), ["Input"] = input,
            ["Delivered"] = error is null, ["Error"] = error,
        });
    }

    /// <summary>Null when delivered, else why not.</summary>
    private string? Send(string arn, string input, JsonObject target)
    {
        var service = arn.Split(':') is { Length: > 2 } parts ? parts[2] : "";
        switch (service)
        {
            case "lambda":
                if (!lambda.TryRuntime(arn, null, out var runtime, out _))
                {
                    return $"no Lambda function {arn}";
                }

                lambda.Async.Enqueue(runtime, Encoding.UTF8.GetBytes(input));
                return null;
            case "sqs":
                return sqs.TrySend(arn, input, target["SqsParameters"]?["MessageGroupId"]?.GetValue<string>()) ? null : $"no SQS queue {arn}";
            case "states":
                _stepFunctions!.StartExecution(new JsonObject { ["stateMachineArn"] = arn, ["input"] = input });
                return null;
            case "events" when arn.Contains(":event-bus/", StringComparison.Ordinal):
                _route!(arn[(arn.IndexOf(":event-bus/", StringComparison.Ordinal) + 11)..], JsonNode.Parse(input)!.AsObject());
                return null;
            default:
                return $"BatchKit does not deliver to {service} targets; the event is recorded only";
        }
    }
}
