using System.Text.Json.Nodes;

namespace BatchKit.Emulator.Services.DynamoDb.Expressions;

/// <summary>
/// A request's ExpressionAttributeNames (<c>#n</c>) and ExpressionAttributeValues (<c>:v</c>). DynamoDB refuses a
/// placeholder that is used but not defined, and one that is defined but used by none of the request's expressions.
/// https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Expressions.ExpressionAttributeNames.html
/// </summary>
internal sealed class ExpressionAttributes
{
    private readonly JsonObject _names;
    private readonly JsonObject _values;
    private readonly HashSet<string> _used = new(StringComparer.Ordinal);

    public ExpressionAttributes(JsonObject request)
    {
        _names = request["ExpressionAttributeNames"] as JsonObject ?? [];
        _values = request["ExpressionAttributeValues"] as JsonObject ?? [];
        foreach (var (name, value) in _values)
        {
            AttributeValues.Check(value as JsonObject ?? throw DynamoDbErrors.InvalidParameter($"{name} is not an AttributeValue"), name);
        }
    }

    public string Name(string placeholder)
    {
        _used.Add(placeholder);
        return _names[placeholder]?.GetValue<string>()
            ?? throw DynamoDbErrors.Validation($"Invalid expression: An expression attribute name used in the document path is not defined; attribute name: " +
                $"{placeholder}");
    }

    public JsonObject Value(string placeholder)
    {
        _used.Add(placeholder);
        return _values[placeholder] as JsonObject
            ?? throw DynamoDbErrors.Validation($"Invalid expression: An expression attribute value used in expression is not defined; attribute value: " +
                $"{placeholder}");
    }

    public void RequireAllUsed()
    {
        var names = _names.Select(p => p.Key).Where(k => !_used.Contains(k)).ToList();
        if (names.Count > 0)
        {
            throw DynamoDbErrors.Validation($"Value provided in ExpressionAttributeNames unused in expressions: keys: {{{string.Join(", ", names)}}}");
        }

        var values = _values.Select(p => p.Key).Where(k => !_used.Contains(k)).ToList();
        if (values.Count > 0)
        {
            throw DynamoDbErrors.Validation($"Value provided in ExpressionAttributeValues unused in expressions: keys: {{{string.Join(", ", values)}}}");
        }
    }
}
