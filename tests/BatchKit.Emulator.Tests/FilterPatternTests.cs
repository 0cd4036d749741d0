using BatchKit.Emulator.Protocol;
using BatchKit.Emulator.Services.Logs;

namespace BatchKit.Emulator.Tests;

/// <summary>
/// CloudWatch Logs filter patterns for unstructured events (pure logic).
/// https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/FilterAndPatternSyntax.html
/// </summary>
public sealed class FilterPatternTests
{
    [Theory]
    [InlineData("", "anything", true)]
    [InlineData("ERROR", "[ERROR] store 7", true)]
    [InlineData("ERROR", "[error] store 7", false)] // terms are case-sensitive
    [InlineData("ERROR store", "ERROR in store 7", true)]
    [InlineData("ERROR store", "ERROR in shop 7", false)]
    [InlineData("\"in store\"", "ERROR in store 7", true)]
    [InlineData("\"in store\"", "store in 7", false)]
    [InlineData("\"say \\\"hi\\\"\"", "they say \"hi\" twice", true)]
    [InlineData("?ERROR ?WARN", "WARN slow", true)]
    [InlineData("?ERROR ?WARN", "INFO fine", false)]
    [InlineData("store ?ERROR ?WARN", "ERROR in shop", false)]
    [InlineData("store -DEBUG", "store DEBUG", false)]
    [InlineData("store -\"too slow\"", "store fast", true)]
    public void A_pattern_matches_as_CloudWatch_Logs_documents(string pattern, string message, bool matches) =>
        Assert.Equal(matches, FilterPattern.Parse(pattern).Matches(message));

    [Theory]
    [InlineData("{ $.level = \"ERROR\" }", "JSON filter patterns")]
    [InlineData("[ip, user, ...]", "space-delimited")]
    [InlineData("%ERR.*%", "regular-expression")]
    [InlineData("ERROR:", "Invalid character(s) in term 'ERROR:'")]
    [InlineData("\"not closed", "not closed")]
    [InlineData("? ERROR", "empty term")]
    public void A_pattern_it_cannot_take_is_an_InvalidParameterException_naming_why(string pattern, string reason)
    {
        var error = Assert.Throws<ServiceErrorException>(() => FilterPattern.Parse(pattern));

        Assert.Equal("InvalidParameterException", error.Code);
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
    }
}
