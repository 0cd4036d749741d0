using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace BatchKit.StatesLanguage.Executions;

/// <summary>
/// The details of the events every execution records (ExecutionStarted, ExecutionSucceeded, StateEntered, StateExited)
/// written straight to JSON text, as <see cref="Json.JsonText"/> would write the same object: a Map Run of 10,000
/// children records 40,000 of them, and building each as a JSON object first cost more than the text itself.
/// https://docs.aws.amazon.com/step-functions/latest/apireference/API_HistoryEvent.html
/// </summary>
internal static class EventDetails
{
    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    [ThreadStatic]
    private static (ArrayBufferWriter<byte> Buffer, Utf8JsonWriter Writer)? _cache;

    /// <summary><c>executionStartedEventDetails</c>.</summary>
    public static string ExecutionStarted(string input, string roleArn)
    {
        var w = Begin();
        w.WriteString("input", input);
        Untruncated(w, "inputDetails");
        w.WriteString("roleArn", roleArn);
        return End(w);
    }

    /// <summary><c>executionSucceededEventDetails</c>.</summary>
    public static string ExecutionSucceeded(string output)
    {
        var w = Begin();
        w.WriteString("output", output);
        Untruncated(w, "outputDetails");
        return End(w);
    }

    /// <summary><c>stateEnteredEventDetails</c>.</summary>
    public static string StateEntered(string name, string input)
    {
        var w = Begin();
        w.WriteString("name", name);
        w.WriteString("input", input);
        Untruncated(w, "inputDetails");
        return End(w);
    }

    /// <summary><c>stateExitedEventDetails</c> without assigned variables.</summary>
    public static string StateExited(string name, string output)
    {
        var w = Begin();
        w.WriteString("name", name);
        w.WriteString("output", output);
        Untruncated(w, "outputDetails");
        return End(w);
    }

    private static void Untruncated(Utf8JsonWriter writer, string name)
    {
        writer.WriteStartObject(name);
        writer.WriteBoolean("truncated", false);
        writer.WriteEndObject();
    }

    /// <summary>This thread's writer, emptied, with the details object opened (no await comes before <see cref="End"/>).</summary>
    private static Utf8JsonWriter Begin()
    {
        var (buffer, writer) = _cache ??= NewCache();
        buffer.ResetWrittenCount();
        writer.Reset(buffer);
        writer.WriteStartObject();
        return writer;
    }

    private static string End(Utf8JsonWriter writer)
    {
        writer.WriteEndObject();
        writer.Flush();
        var buffer = _cache!.Value.Buffer;
        var text = System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
        if (buffer.Capacity > 64 * 1024)
        {
            _cache = null; // a large payload passed through: this thread does not keep its buffer
        }

        return text;
    }

    private static (ArrayBufferWriter<byte>, Utf8JsonWriter) NewCache()
    {
        var buffer = new ArrayBufferWriter<byte>(1024);
        return (buffer, new Utf8JsonWriter(buffer, Options));
    }
}
