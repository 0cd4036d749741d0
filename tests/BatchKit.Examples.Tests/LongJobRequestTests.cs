using System.Text;
using LongJob.Jobs;

namespace BatchKit.Examples.Tests;

/// <summary>The request rules alone: what a request must hold, and the first problem named when it does not.</summary>
public sealed class LongJobRequestTests
{
    [Fact]
    public void A_request_round_trips_through_its_JSON()
    {
        var request = new JobRequest("ada@example.com", ["files/a.csv", "files/ü b.bin"]);

        var read = JobRequest.Parse(request.ToJson());

        Assert.Equal(request.Email, read.Email);
        Assert.Equal(request.Keys, read.Keys);
    }

    [Theory]
    [InlineData("[]", "the request is not a JSON object")]
    [InlineData("{\"keys\":[\"a\"]}", "the request has no string field 'email'")]
    [InlineData("{\"email\":\"a@b\",\"keys\":[]}", "'keys' must list 1 to 1000 objects, got 0")]
    [InlineData("{\"email\":\"a@b\",\"keys\":[\"x\",\"x\"]}", "keys[1] 'x' is listed twice: a zip holds one entry per name")]
    [InlineData("{\"email\":\"a@b\",\"keys\":[\"\"]}", "keys[0] must be 1 to 1024 bytes of UTF-8")]
    [InlineData("{\"email\":\"a@b\",\"keys\":[3]}", "keys[0] is not a string")]
    [InlineData("{\"email\":\"a@b\\nBcc: c@d\",\"keys\":[\"x\"]}",
        "'a@b\nBcc: c@d' is not an email address (one '@', no spaces, line breaks, '<', '>' or ',')")]
    [InlineData("{\"email\":\"a@b,c@d\",\"keys\":[\"x\"]}", "'a@b,c@d' is not an email address (one '@', no spaces, line breaks, '<', '>' or ',')")]
    public void A_bad_request_names_its_first_problem(string json, string message)
    {
        var e = Assert.Throws<FormatException>(() => JobRequest.Parse(Encoding.UTF8.GetBytes(json)));
        Assert.Equal(message, e.Message);
    }

    [Fact]
    public void Invalid_JSON_is_named_as_such()
    {
        var e = Assert.Throws<FormatException>(() => JobRequest.Parse("{\"email\":"u8));
        Assert.StartsWith("the request is not JSON: ", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("requests/abc-1.json", "abc-1")]
    [InlineData("requests/a/b.json", null)]
    [InlineData("requests/abc.txt", null)]
    [InlineData("files/abc.json", null)]
    public void Only_requests_slash_id_dot_json_names_a_request(string key, string? id) => Assert.Equal(id, LongJobNames.RequestIdOf(key));
}
