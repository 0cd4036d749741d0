using System.IO.Compression;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Amazon.DynamoDBv2.Model;
using LongJob.Jobs;
using LongJob.Local;

namespace BatchKit.Examples.Tests;

/// <summary>
/// The long-running-job example end to end: a request uploaded with the real S3 SDK → S3 notification → the submit
/// Lambda (real bootstrap process) stores it in DynamoDB and calls ECS RunTask with an environment override → the
/// archive task (the real worker as a child process) zips the objects, uploads the zip and mails a presigned link
/// through SES. The test reads the mail, fetches the link with a plain HttpClient and compares every entry.
/// </summary>
public sealed class LongJobTests(LongJobExample example) : IClassFixture<LongJobExample>
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task A_request_is_zipped_uploaded_and_mailed_as_a_link_that_returns_every_object_byte_for_byte()
    {
        var id = "zip-" + Guid.NewGuid().ToString("N")[..8];
        var objects = new Dictionary<string, byte[]>(StringComparer.Ordinal)
        {
            [$"files/{id}/sales.csv"] = Encoding.UTF8.GetBytes("region,total\nnorth,1200.50\n"),
            [$"files/{id}/random.bin"] = RandomNumberGenerator.GetBytes(300_000), // incompressible, larger than one buffer
            [$"files/{id}/notes with spaces é.txt"] = Encoding.UTF8.GetBytes("ünïcode key and body\n"),
            [$"files/{id}/empty.txt"] = [],
        };
        foreach (var (key, bytes) in objects)
        {
            await example.Run.UploadAsync(key, bytes);
        }

        var email = $"{id}@example.com";
        await example.Run.SubmitAsync(id, new JobRequest(email, [.. objects.Keys]));
        var record = await example.Run.WaitAsync(id, Deadline);

        Assert.True(record.Status == JobStatus.Done, $"{record.Status}: {record.Error}");
        Assert.Equal(LongJobNames.ArchiveKey(id), record.ArchiveKey);
        Assert.StartsWith("arn:aws:ecs:", record.TaskArn, StringComparison.Ordinal);
        var mail = Assert.Single(await example.Run.MailToAsync(email));
        Assert.Equal(LongJobStack.Sender, mail["Source"]!.GetValue<string>());
        Assert.Equal($"Your archive {id} is ready", mail["Subject"]!.GetValue<string>());
        var link = Link(mail);
        Assert.Contains("X-Amz-Signature=", link, StringComparison.Ordinal);

        using var http = new HttpClient(); // no AWS credentials: the link alone must do
        using var zip = new ZipArchive(new MemoryStream(await http.GetByteArrayAsync(new Uri(link))));
        Assert.Equal(objects.Keys.Order(StringComparer.Ordinal), zip.Entries.Select(e => e.FullName).Order(StringComparer.Ordinal));
        foreach (var entry in zip.Entries)
        {
            using var content = new MemoryStream();
            await using (var stream = await entry.OpenAsync())
            {
                await stream.CopyToAsync(content);
            }

            Assert.True(objects[entry.FullName].AsSpan().SequenceEqual(content.ToArray()), $"the entry {entry.FullName} differs from what was uploaded");
        }
    }

    [Fact]
    public async Task A_tampered_link_is_refused()
    {
        var id = "tamper-" + Guid.NewGuid().ToString("N")[..8];
        await example.Run.UploadAsync($"files/{id}/a.txt", "a"u8.ToArray());
        await example.Run.SubmitAsync(id, new JobRequest($"{id}@example.com", [$"files/{id}/a.txt"]));
        Assert.Equal(JobStatus.Done, (await example.Run.WaitAsync(id, Deadline)).Status);
        var link = Link(Assert.Single(await example.Run.MailToAsync($"{id}@example.com")));

        using var http = new HttpClient();
        using var response = await http.GetAsync(new Uri(link.Replace(id + ".zip", "other.zip", StringComparison.Ordinal)));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("SignatureDoesNotMatch", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_request_naming_a_missing_object_fails_with_its_name_and_mails_nothing()
    {
        var id = "missing-" + Guid.NewGuid().ToString("N")[..8];
        await example.Run.UploadAsync($"files/{id}/here.txt", "here"u8.ToArray());
        await example.Run.SubmitAsync(id, new JobRequest($"{id}@example.com", [$"files/{id}/here.txt", $"files/{id}/gone.txt"]));

        var record = await example.Run.WaitAsync(id, Deadline);

        Assert.Equal(JobStatus.Failed, record.Status);
        Assert.Equal($"s3://{example.Deployment.Bucket}/files/{id}/gone.txt does not exist", record.Error);
        Assert.NotNull(record.TaskArn); // the task ran and failed: it is the one that recorded why
        Assert.Empty(await example.Run.MailToAsync($"{id}@example.com"));
    }

    [Fact]
    public async Task An_unreadable_request_is_rejected_with_the_reason_and_starts_no_task()
    {
        var id = "bad-" + Guid.NewGuid().ToString("N")[..8];
        await example.Run.UploadAsync(LongJobNames.RequestKey(id), """{"email":"not-an-address","keys":["files/x"]}"""u8.ToArray());

        var record = await example.Run.WaitAsync(id, Deadline);

        Assert.Equal(JobStatus.Rejected, record.Status);
        Assert.Equal("'not-an-address' is not an email address (one '@', no spaces, line breaks, '<', '>' or ',')", record.Error);
        Assert.Null(record.TaskArn);
    }

    [Fact]
    public async Task The_table_item_holds_the_request_as_stored_by_the_function_and_finished_by_the_task()
    {
        var id = "item-" + Guid.NewGuid().ToString("N")[..8];
        await example.Run.UploadAsync($"files/{id}/one.txt", "1"u8.ToArray());
        await example.Run.SubmitAsync(id, new JobRequest($"{id}@example.com", [$"files/{id}/one.txt"]));
        Assert.Equal(JobStatus.Done, (await example.Run.WaitAsync(id, Deadline)).Status);

        using var dynamoDb = LongJobStack.DynamoDb(example.Endpoint);
        var item = (await dynamoDb.GetItemAsync(new GetItemRequest
        {
            TableName = example.Deployment.Table, Key = new() { ["requestId"] = new AttributeValue { S = id } }, ConsistentRead = true,
        })).Item;

        Assert.Equal(JobStatus.Done, item["status"].S);
        Assert.Equal($"{id}@example.com", item["email"].S);
        Assert.Equal([$"files/{id}/one.txt"], item["keys"].L.Select(k => k.S));
        Assert.False(string.IsNullOrEmpty(item["messageId"].S));
        Assert.True(string.CompareOrdinal(item["createdAt"].S, item["finishedAt"].S) <= 0, "finishedAt is before createdAt");
    }

    /// <summary>The link is the one line of the mail's text that is a URL.</summary>
    private static string Link(JsonObject mail) =>
        Assert.Single(mail["Text"]!.GetValue<string>().Split('\n'), line => line.StartsWith("http://", StringComparison.Ordinal));
}
