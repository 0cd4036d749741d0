using System.Text.Json.Nodes;
using BatchKit.StatesLanguage.Executions;

namespace BatchKit.Emulator.Services.StepFunctions;

/// <summary>A history event in GetExecutionHistory's wire shape (timestamps as epoch seconds).</summary>
internal static class HistoryEventJson
{
    private static readonly string[] DataFields = ["input", "output"];

    public static JsonObject Format(HistoryEvent e, bool includeExecutionData)
    {
        var json = new JsonObject
        {
            ["timestamp"] = e.Timestamp.ToUnixTimeMilliseconds() / 1000.0,
            ["type"] = e.Type,
            ["id"] = e.Id,
            ["previousEventId"] = e.PreviousEventId,
        };
        if (e.DetailsKey is not null)
        {
            var details = e.Details!;
            if (!includeExecutionData)
            {
                foreach (var field in DataFields)
                {
                    details.Remove(field);
                }
            }

            json[e.DetailsKey] = details;
        }

        return json;
    }
}
