using System.Globalization;
using Amazon.DynamoDBv2;
using Amazon.S3;
using BatchKit.Aws.Ses;
using LongJob.Jobs;

// The archive task (Fargate on AWS, a child process of BatchKit's emulator locally). Its request arrives in
// JOB_REQUEST_ID (RunTask's environment override); the table and the sender come from the task definition; where AWS
// is comes only from the standard variables. Exit codes: 0 done (or already done), 1 failed (the table says why),
// 2 the settings are wrong.
var problems = new List<string>();
var requestId = Setting(LongJobNames.RequestIdVariable);
var tableName = Setting(LongJobNames.TableVariable);
var sender = Setting(LongJobNames.SenderVariable);
var seconds = Environment.GetEnvironmentVariable(LongJobNames.LinkLifetimeVariable) is { Length: > 0 } text ? text : "3600";
if (!int.TryParse(seconds, NumberStyles.None, CultureInfo.InvariantCulture, out var lifetime)
    || lifetime < 1 || lifetime > ArchiveSettings.MaxLinkLifetime.TotalSeconds)
{
    problems.Add($"{LongJobNames.LinkLifetimeVariable} must be 1 to 604800 seconds, got '{seconds}'");
}

if (problems.Count > 0)
{
    Console.Error.WriteLine("long-job-worker: " + string.Join("; ", problems));
    return 2;
}

var endpoint = Environment.GetEnvironmentVariable("AWS_ENDPOINT_URL");
using var s3 = new AmazonS3Client(new AmazonS3Config { ForcePathStyle = endpoint is not null });
using var dynamoDb = new AmazonDynamoDBClient();
using var ses = new SesClient();
var settings = new ArchiveSettings(sender!, TimeSpan.FromSeconds(lifetime), endpoint?.StartsWith("http://", StringComparison.OrdinalIgnoreCase) == true);
var job = new ArchiveJob(s3, new JobTable(dynamoDb, tableName!, TimeProvider.System), ses, settings, TimeProvider.System, Console.Out);
try
{
    await job.RunAsync(requestId!, CancellationToken.None);
    return 0;
}
catch (Exception e) when (e is AmazonS3Exception or AmazonDynamoDBException or BatchKit.Aws.AwsServiceException or IOException or InvalidDataException
                              or InvalidOperationException or HttpRequestException)
{
    Console.Error.WriteLine($"long-job-worker: request {requestId} failed: {e.Message}");
    return 1;
}

string? Setting(string name)
{
    var value = Environment.GetEnvironmentVariable(name);
    if (string.IsNullOrEmpty(value))
    {
        problems.Add($"{name} is not set");
    }

    return value;
}
