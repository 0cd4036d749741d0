using BatchKit.Contracts;
using System.Text;
using BatchKit.Functions.Runtime;
using BatchKit.Functions.Upload;

namespace BatchKit.Functions.Tests;

public sealed class EventAndNameTests
{
    [Theory]
    [InlineData("uploads/day+1+%28%C3%BC%29.zip", "uploads/day 1 (ü).zip")]
    [InlineData("uploads/a%2Bb.zip", "uploads/a+b.zip")]
    [InlineData("uploads/2026-11-22.zip", "uploads/2026-11-22.zip")]
    public void Keys_are_decoded_as_S3_encodes_them(string encoded, string key) => Assert.Equal(key, S3EventRecord.DecodeKey(encoded));

    [Fact]
    public void Records_are_read_from_an_S3_event()
    {
        var records = S3EventRecord.Parse(Encoding.UTF8.GetBytes("""
            {"Records":[{"eventName":"ObjectCreated:Put","s3":{"bucket":{"name":"sales"},"object":{"key":"uploads/day+1.zip","size":42,"eTag":"abc"}}}]}
            """));
        Assert.Equal(new S3EventRecord("ObjectCreated:Put", "sales", "uploads/day 1.zip", 42, "abc"), Assert.Single(records));
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("""{"detail":{}}""")]
    [InlineData("""{"Records":[{"eventSource":"aws:sqs"}]}""")]
    public void Other_events_are_refused_with_a_named_error(string payload) =>
        Assert.Equal("BatchKit.InvalidEvent", Assert.Throws<HandlerException>(() => S3EventRecord.Parse(Encoding.UTF8.GetBytes(payload))).ErrorType);

    [Theory]
    [InlineData("processed/day01/day01-0123456789abcdef01234567/", "day01")] // an upload's own copy
    [InlineData("processed/day01/", "day01")] // the older flat layout
    [InlineData("processed/", null)]
    [InlineData("reports/day01/", null)]
    public void The_day_is_read_from_a_copy_prefix(string bucketPath, string? day) => Assert.Equal(day, BucketPrefixes.DayOf(bucketPath));

    [Fact]
    public void The_execution_name_is_stable_per_upload_and_new_per_reupload()
    {
        var name = ExecutionNames.For("sales", "uploads/day01.zip", "\"abc\"", "day01");
        Assert.Equal(name, ExecutionNames.For("sales", "uploads/day01.zip", "abc", "day01"));
        Assert.NotEqual(name, ExecutionNames.For("sales", "uploads/day01.zip", "abd", "day01"));
        Assert.StartsWith("day01-", name, StringComparison.Ordinal);

        Assert.True(ExecutionNames.IsForDay(name, "day01"));
        Assert.False(ExecutionNames.IsForDay(ExecutionNames.For("sales", "uploads/day01-cli.zip", "abc", "day01-cli"), "day01"));
        Assert.False(ExecutionNames.IsForDay("day01-by-hand", "day01"));

        var odd = ExecutionNames.For("sales", "uploads/x.zip", "e", "day 1 (ü) " + new string('z', 200));
        Assert.True(odd.Length <= 80, odd);
        Assert.Matches("^[A-Za-z0-9_-]+$", odd);
    }
}
