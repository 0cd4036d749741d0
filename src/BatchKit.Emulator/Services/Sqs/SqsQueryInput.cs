using System.Text.Json.Nodes;

namespace BatchKit.Emulator.Services.Sqs;

/// <summary>
/// SQS's query protocol flattens its lists and maps (<c>Attribute.1.Name</c>, <c>AttributeName.1</c>,
/// <c>MessageAttribute.1.Value.StringValue</c>); this turns them into the JSON members of the JSON protocol.
/// https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-making-api-requests-xml.html
/// </summary>
internal static class SqsQueryInput
{
    private static readonly (string Query, string Json)[] Lists =
    [
        ("AttributeName", "AttributeNames"), ("MessageAttributeName", "MessageAttributeNames"), ("MessageSystemAttributeName", "MessageSystemAttributeNames"),
    ];

    private static readonly (string Query, string Json)[] Maps = [("Attribute", "Attributes"), ("MessageAttribute", "MessageAttributes")];

    public static JsonObject ToJson(JsonObject input)
    {
        var request = (JsonObject)input.DeepClone();
        foreach (var (query, json) in Lists)
        {
            if (request[query] is { } list)
            {
                request.Remove(query);
                request[json] = list is JsonArray ? list.DeepClone() : new JsonArray(list.DeepClone());
            }
        }

        foreach (var (query, json) in Maps)
        {
            if (request[query] is JsonArray entries)
            {
                request.Remove(query);
                request[json] = new JsonObject(entries.Select(e => KeyValuePair.Create(e!["Name"]!.GetValue<string>(), e["Value"]?.DeepClone())));
            }
        }

        return request;
    }
}
