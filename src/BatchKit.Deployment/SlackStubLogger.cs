using System.Globalization;
using WireMock.Admin.Requests;
using WireMock.Logging;

namespace BatchKit.Deployment;

/// <summary>
/// WireMock.Net's log, made short for <c>.batchkit/slack-stub.log</c>: one line per webhook call (method, path, status,
/// mapping) and WireMock's warnings and errors; its debug chatter and the admin API's own calls are left out.
/// </summary>
internal sealed class SlackStubLogger(TextWriter output) : IWireMockLogger
{
    public void Debug(string formatString, params object[] args)
    {
    }

    public void Info(string formatString, params object[] args) => Write("info", formatString, args);

    public void Warn(string formatString, params object[] args) => Write("warn", formatString, args);

    public void Error(string formatString, params object[] args) => Write("error", formatString, args);

    public void Error(string message, Exception exception) => Write("error", "{0}: {1}", message, exception.Message);

    public void DebugRequestResponse(LogEntryModel logEntryModel, bool isAdminRequest)
    {
        if (!isAdminRequest && logEntryModel.Request is { } request)
        {
            var status = logEntryModel.Response?.StatusCode ?? "-";
            Write("request", "{0} {1} -> {2} ({3})", request.Method, request.Path, status, logEntryModel.MappingTitle ?? "no mapping");
        }
    }

    private void Write(string level, string formatString, params object[] args)
    {
        var text = args.Length == 0 ? formatString : string.Format(CultureInfo.InvariantCulture, formatString, args);
        lock (output)
        {
            output.WriteLine($"{DateTime.UtcNow:HH:mm:ss.fff} {level}: {text}");
            output.Flush();
        }
    }
}
