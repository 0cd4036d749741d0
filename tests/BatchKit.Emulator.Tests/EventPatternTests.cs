using System.Text.Json.Nodes;
using BatchKit.Emulator.Protocol;
using BatchKit.Emulator.Services.EventBridge;

namespace BatchKit.Emulator.Tests;

/// <summary>EventBridge's pattern language and schedule expressions as pure logic.</summary>
public sealed class EventPatternTests
{
    private const string Event = """
        {"source":"batchkit.validation","detail-type":"Validation Completed","resources":["arn:x:1","arn:y:2"],
         "detail":{"prefix":"sales/2026/incoming/","files":12,"failed":0,"status":"SUCCEEDED","ip":"10.0.3.7","note":null,"tags":["a","b"]}}
        """;

    [Theory]
    [InlineData("""{"source":["batchkit.validation"],"detail":{"status":["SUCCEEDED"]}}""", true)]
    [InlineData("""{"source":[{"prefix":"batchkit."}],"detail-type":[{"suffix":"Completed"}]}""", true)]
    [InlineData("""{"detail":{"status":[{"anything-but":["FAILED","ABORTED"]}]}}""", true)]
    [InlineData("""{"detail":{"status":[{"anything-but":{"prefix":"SUCC"}}]}}""", false)]
    [InlineData("""{"detail":{"files":[{"numeric":[">",10,"<=",12]}],"failed":[0]}}""", true)]
    [InlineData("""{"detail":{"files":[{"numeric":[">",12]}]}}""", false)]
    [InlineData("""{"detail":{"missing":[{"exists":false}],"note":[{"exists":true}]}}""", true)]
    [InlineData("""{"detail":{"note":[null]}}""", true)]
    [InlineData("""{"detail":{"prefix":[{"wildcard":"sales/*/incoming/"}]}}""", true)]
    [InlineData("""{"detail":{"status":[{"equals-ignore-case":"succeeded"}]}}""", true)]
    [InlineData("""{"detail":{"ip":[{"cidr":"10.0.0.0/16"}]}}""", true)]
    [InlineData("""{"detail":{"tags":["b"]},"resources":["arn:y:2"]}""", true)] // arrays match on any element
    [InlineData("""{"$or":[{"detail":{"failed":[{"numeric":[">",0]}]}},{"detail-type":["Validation Completed"]}]}""", true)]
    [InlineData("""{"$or":[{"detail":{"failed":[{"numeric":[">",0]}]}},{"source":["other"]}]}""", false)]
    [InlineData("""{"detail":{"missing":["x"]}}""", false)]
    public void Patterns_match_as_EventBridge_does(string pattern, bool expected) =>
        Assert.Equal(expected, EventPattern.Parse(pattern).Matches(JsonNode.Parse(Event)));

    [Theory]
    [InlineData("""{"source":"batchkit"}""", "must sit in an array")]
    [InlineData("""{"detail":{"n":[{"numeric":["!",1]}]}}""", "Bad numeric range")]
    [InlineData("""{"detail":{"n":[{"regex":"x"}]}}""", "Unrecognized match type")]
    public void Malformed_patterns_are_refused_with_the_reason(string pattern, string reason)
    {
        var error = Assert.Throws<ServiceErrorException>(() => EventPattern.Parse(pattern));
        Assert.Equal("InvalidEventPatternException", error.Code);
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("cron(0 12 * * ? *)", "2026-11-30T11:59:30Z", "2026-11-30T12:00:00Z")]
    [InlineData("cron(0 12 * * ? *)", "2026-11-30T12:00:00Z", "2026-12-01T12:00:00Z")]
    [InlineData("cron(15,45 8-9 ? * MON-FRI *)", "2026-11-28T10:00:00Z", "2026-11-30T08:15:00Z")] // Saturday to Monday
    [InlineData("cron(*/20 * ? * 1 *)", "2026-11-29T23:41:00Z", "2026-12-06T00:00:00Z")] // day 1 is Sunday
    [InlineData("cron(0 0 1 JAN ? 2027)", "2026-11-30T00:00:00Z", "2027-01-01T00:00:00Z")]
    [InlineData("rate(5 minutes)", "2026-11-30T10:00:00Z", "2026-11-30T10:05:00Z")]
    [InlineData("rate(1 day)", "2026-11-30T10:00:00Z", "2026-12-01T10:00:00Z")]
    public void Schedules_name_their_next_time(string expression, string after, string next) =>
        Assert.Equal(DateTimeOffset.Parse(next, System.Globalization.CultureInfo.InvariantCulture),
            ScheduleExpression.Parse(expression).Next(DateTimeOffset.Parse(after, System.Globalization.CultureInfo.InvariantCulture)));

    [Theory]
    [InlineData("rate(1 minutes)")]
    [InlineData("rate(5 minute)")]
    [InlineData("cron(0 12 * * * *)")] // neither day field is ?
    [InlineData("cron(0 12 L * ? *)")]
    [InlineData("cron(0 25 * * ? *)")]
    [InlineData("every 5 minutes")]
    public void Invalid_schedules_are_refused(string expression) =>
        Assert.Equal("ValidationException", Assert.Throws<ServiceErrorException>(() => ScheduleExpression.Parse(expression)).Code);
}
