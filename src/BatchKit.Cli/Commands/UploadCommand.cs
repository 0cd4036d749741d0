using System.CommandLine;
using Amazon.S3.Model;
using BatchKit.Cli.Local;
using Spectre.Console;

namespace BatchKit.Cli.Commands;

/// <summary><c>batchkit upload FILE.zip</c>: puts a day's zip under uploads/, which starts the pipeline.</summary>
internal static class UploadCommand
{
    public static Command Create(IAnsiConsole console)
    {
        var file = new Argument<FileInfo>("file") { Description = "The day's zip (one store_<n>.json per store); its name is the day." };
        var command = new Command("upload", "Upload a day's zip to s3://<bucket>/uploads/, which starts the workflow.") { file };
        StackEndpoint.AddTo(command);
        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(console, async ct =>
        {
            using var stack = StackEndpoint.From(parse);
            var (key, _) = await UploadAsync(console, stack, parse.GetValue(file)!, ct).ConfigureAwait(false);
            console.MarkupLineInterpolated($"Follow it with [bold]batchkit watch {Path.GetFileNameWithoutExtension(key)}[/] (or [bold]batchkit status[/]).");
        }, cancellationToken));
        return command;
    }

    /// <summary>Uploads the zip; returns its key and the ETag S3 gave it (which names the execution it starts).</summary>
    internal static async Task<(string Key, string ETag)> UploadAsync(
        IAnsiConsole console, StackEndpoint stack, FileInfo file, CancellationToken cancellationToken)
    {
        if (!file.Exists)
        {
            throw new BatchKitException($"{file.FullName} does not exist");
        }

        if (!file.Name.EndsWith(".zip", StringComparison.Ordinal))
        {
            throw new BatchKitException($"{file.Name} is not a .zip: the pipeline starts only for uploads/*.zip");
        }

        var key = "uploads/" + file.Name;
        string eTag;
        try
        {
            var request = new PutObjectRequest { BucketName = stack.Bucket, Key = key, FilePath = file.FullName };
            var response = await stack.S3.PutObjectAsync(request, cancellationToken).ConfigureAwait(false);
            eTag = response.ETag.Trim('"');
            console.MarkupLineInterpolated($"Uploaded {file.Name} ({file.Length:N0} bytes) to s3://{stack.Bucket}/{key} (ETag {eTag})");
        }
        catch (Amazon.S3.AmazonS3Exception e) when (e.ErrorCode == "NoSuchBucket")
        {
            throw new BatchKitException($"the bucket {stack.Bucket} does not exist at {stack.Where}: run `make up` first", e);
        }
        catch (HttpRequestException e)
        {
            throw stack.NothingAnswers(e);
        }

        return (key, eTag);
    }
}
