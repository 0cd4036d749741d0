using Amazon.Runtime;

namespace BatchKit.Aws.Tests;

/// <summary>
/// AWS's published Signature Version 4 test suite (https://docs.aws.amazon.com/general/latest/gr/signature-v4-test-suite.html):
/// credentials AKIDEXAMPLE, region us-east-1, service "service", 2015-08-30T12:36:00Z. The expected signatures were
/// also reproduced with botocore's SigV4Auth.
/// </summary>
public sealed class SigV4SignerTests
{
    private static readonly ImmutableCredentials Example = new("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", null);
    private static readonly DateTime At = new(2015, 8, 30, 12, 36, 0, DateTimeKind.Utc);

    [Theory]
    [InlineData("get-vanilla", "GET", "https://example.amazonaws.com/", "5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31")]
    [InlineData("post-vanilla", "POST", "https://example.amazonaws.com/", "5da7c1a2acd57cee7505fc6676e4e544621c30862966e37dddb68e92efbe5d6b")]
    [InlineData("get-vanilla-query-order-key-case", "GET", "https://example.amazonaws.com/?Param2=value2&Param1=value1", "b97d918cfa904a5beff61c982a1b6f458b799221646efd99d3219ec94cdf2500")]
    public void Signs_as_the_published_test_suite_expects(string vector, string method, string url, string signature)
    {
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);

        SigV4Signer.Sign(method, new Uri(url), headers, [], Example, "us-east-1", "service", At);

        Assert.Equal("20150830T123600Z", headers["X-Amz-Date"]);
        Assert.Equal($"AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders=host;x-amz-date, Signature={signature}", headers["Authorization"]);
        Assert.False(string.IsNullOrEmpty(vector));
    }

    [Fact]
    public void A_session_token_is_sent_and_signed()
    {
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);

        SigV4Signer.Sign("POST", new Uri("https://states.us-east-1.amazonaws.com/"), headers, "{}"u8.ToArray(), new ImmutableCredentials("AKID", "secret", "session-token"), "us-east-1", "states", At);

        Assert.Equal("session-token", headers["X-Amz-Security-Token"]);
        Assert.Contains("SignedHeaders=host;x-amz-date;x-amz-security-token", headers["Authorization"], StringComparison.Ordinal);
    }
}
