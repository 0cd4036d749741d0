using System.Text.Json.Nodes;
using BatchKit.Functions.Runtime;

namespace Payroll.Handlers;

/// <summary>
/// <c>notify</c>: the Catch's target. Writes what failed (the Catch's <c>{Error, Cause}</c> and the run's input) to
/// <c>notifications/&lt;period&gt;.json</c> (the error, its message, the raw cause), where an operator (or a mail rule on the bucket) picks it up, and logs it.
/// </summary>
internal sealed class NotifyHandler(PayrollBucket bucket, TextWriter log) : ILambdaHandler
{
    public async Task<byte[]> HandleAsync(byte[] payload, CancellationToken cancellationToken)
    {
        var input = StateInput.Parse(payload);
        var (name, period) = (StateInput.Required(input, "bucket"), StateInput.Required(input, "period"));
        var error = input["error"]?.DeepClone() ?? new JsonObject { ["Error"] = "unknown", ["Cause"] = "the Catch passed no error" };
        var notification = new JsonObject
        {
            ["period"] = period,
            ["source"] = input["key"]?.DeepClone(),
            ["error"] = error["Error"]?.DeepClone(),
            ["message"] = Message(error["Cause"]),
            ["cause"] = error["Cause"]?.DeepClone(),
        };
        var key = PayrollKeys.Notification(period);
        await bucket.WriteJsonAsync(name, key, notification, cancellationToken).ConfigureAwait(false);
        await log.WriteLineAsync($"payroll {period} failed: {notification["error"]}: {notification["message"]}").ConfigureAwait(false);
        return StateInput.Bytes(new JsonObject { ["notificationKey"] = key, ["error"] = notification["error"]?.DeepClone() });
    }

    /// <summary>
    /// A Lambda task's Cause is the function's error document as JSON text; its errorMessage is what a person reads.
    /// Any other Cause (a States.* error's) is read as it is.
    /// </summary>
    private static string? Message(JsonNode? cause)
    {
        var text = cause?.GetValue<string>();
        if (text is null || !text.StartsWith('{'))
        {
            return text;
        }

        try
        {
            return JsonNode.Parse(text)?["errorMessage"]?.GetValue<string>() ?? text;
        }
        catch (System.Text.Json.JsonException)
        {
            return text;
        }
    }
}
