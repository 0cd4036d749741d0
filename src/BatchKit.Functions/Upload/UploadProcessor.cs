using System.IO.Compression;
using System.Net;
using System.Text;
using System.Text.Json;
using Amazon.S3;
using Amazon.S3.Model;
using Amazon.SimpleSystemsManagement;
using Amazon.SimpleSystemsManagement.Model;
using BatchKit.Aws;
using BatchKit.Aws.StepFunctions;
using BatchKit.Contracts;
using BatchKit.Contracts.Workflow;
using BatchKit.Functions.Runtime;

namespace BatchKit.Functions.Upload;

/// <summary>
/// One uploaded day: <c>uploads/&lt;day&gt;.zip</c> is checked entry by entry, streamed apart into a copy of its own,
/// <c>processed/&lt;day&gt;/&lt;execution name&gt;/</c>, and the workflow is started on that copy with an execution name derived
/// from the upload, so a duplicated event starts nothing. Only then are the day's earlier copies removed (those no
/// running Map reads, see <see cref="EarlierCopies"/>): the previous good copy stays until the new one is complete, and
/// two uploads of one day at once each run on their own copy. A refused or failed archive leaves nothing of its copy
/// and fails the invocation.
/// </summary>
internal sealed class UploadProcessor(
    IAmazonS3 s3, IAmazonSimpleSystemsManagement ssm, IStepFunctionsClient stepFunctions, ArchiveLimits limits, TextWriter log, TimeProvider? time = null)
{
    private readonly EarlierCopies _earlier = new(s3, stepFunctions, log, time ?? TimeProvider.System);

    /// <summary>Store files copied at once (each lane a stream of ranged GETs and one PUT in flight).</summary>
    public const int Lanes = 4;

    private string? _stateMachineArn; // read once per warm environment: the parameter changes only on deploy

    public async Task<UploadOutcome> ProcessAsync(S3EventRecord record, CancellationToken cancellationToken)
    {
        var key = record.Key;
        if (!key.StartsWith(BucketPrefixes.Uploads, StringComparison.Ordinal) || !key.EndsWith(".zip", StringComparison.Ordinal))
        {
            await log.WriteLineAsync($"ignored s3://{record.Bucket}/{key}: only {BucketPrefixes.Uploads}*.zip is a day's upload").ConfigureAwait(false);
            return new UploadOutcome(UploadOutcome.Ignored, key, null, null, 0, 0, 0, $"not {BucketPrefixes.Uploads}*.zip");
        }

        var day = Path.GetFileNameWithoutExtension(key[(key.LastIndexOf('/') + 1)..]);
        if (day.Length == 0)
        {
            return new UploadOutcome(UploadOutcome.Ignored, key, null, null, 0, 0, 0, "the zip has no name to take the day from");
        }

        var stateMachineArn = await StateMachineArnAsync(cancellationToken).ConfigureAwait(false);
        var name = ExecutionNames.For(record.Bucket, key, record.ETag, day);
        var executionArn = ExecutionNames.ExecutionArn(stateMachineArn, name);
        if (await ExistsAsync(executionArn, cancellationToken).ConfigureAwait(false))
        {
            await log.WriteLineAsync($"duplicate event for s3://{record.Bucket}/{key} (ETag {record.ETag}): execution {name} already exists, nothing to do")
                .ConfigureAwait(false);
            return new UploadOutcome(UploadOutcome.Duplicate, key, day, executionArn, 0, 0, 0, "this upload already started its execution");
        }

        GetObjectMetadataResponse head;
        try
        {
            head = await s3.GetObjectMetadataAsync(record.Bucket, key, cancellationToken).ConfigureAwait(false);
        }
        catch (AmazonS3Exception e) when (e.StatusCode == HttpStatusCode.NotFound)
        {
            await log.WriteLineAsync($"ignored s3://{record.Bucket}/{key}: it was deleted before it could be processed").ConfigureAwait(false);
            return new UploadOutcome(UploadOutcome.Ignored, key, day, null, 0, 0, 0, "the object no longer exists");
        }

        var prefix = BucketPrefixes.ProcessedCopy(day, name);
        var (stores, bytes, skipped) = await UnpackAsync(record.Bucket, key, head, prefix, cancellationToken).ConfigureAwait(false);
        var started = await StartAsync(stateMachineArn, name, record.Bucket, prefix, cancellationToken).ConfigureAwait(false);
        await _earlier.RetireAsync(record.Bucket, day, name, stateMachineArn, cancellationToken).ConfigureAwait(false);
        await log.WriteLineAsync(
                $"{key}: {stores} store files ({bytes:N0} bytes) in s3://{record.Bucket}/{prefix}, {skipped} entries skipped; execution {started}")
            .ConfigureAwait(false);
        return new UploadOutcome(UploadOutcome.Started, key, day, started, stores, bytes, skipped, null);
    }

    private async Task<(int Stores, long Bytes, int Skipped)> UnpackAsync(
        string bucket, string key, GetObjectMetadataResponse head, string prefix, CancellationToken cancellationToken)
    {
        await using var source = new S3SeekableStream(s3, bucket, key, head.ContentLength, head.ETag);
        ZipArchive archive;
        ArchivePlan plan;
        try
        {
            archive = new ZipArchive(source, ZipArchiveMode.Read, leaveOpen: true);
            plan = ArchivePlan.Inspect(archive, limits);
        }
        catch (InvalidDataException e)
        {
            throw Rejected(bucket, key, prefix, new ArchiveRejectedException($"it is not a valid zip ({e.Message})", e));
        }
        catch (ArchiveRejectedException e)
        {
            throw Rejected(bucket, key, prefix, e);
        }

        using (archive)
        {
            foreach (var skipped in plan.Skipped)
            {
                await log.WriteLineAsync($"skipped entry '{skipped.Name}': {skipped.Reason}").ConfigureAwait(false);
            }

            var written = new System.Collections.Concurrent.ConcurrentQueue<string>();
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var lanes = Math.Clamp(plan.Stores.Count, 1, Lanes);
            var upload = (bucket, key, head, prefix);
            var copies = Enumerable.Range(0, lanes).Select(lane => CopyLaneAsync(lane, lanes, plan, upload, written, stop, cancellationToken)).ToArray();
            try
            {
                await Task.WhenAll(copies).ConfigureAwait(false);
            }
            catch
            {
                // The first real failure, not the cancellations it caused in the other lanes; when every lane was
                // cancelled (the invocation's deadline), that cancellation, which the runtime loop reports as a timeout.
                var failure = copies.Where(c => c.IsFaulted).Select(c => c.Exception!.InnerException!).FirstOrDefault(e => e is not OperationCanceledException)
                    ?? new OperationCanceledException(cancellationToken);

                // S3 or time failed mid-way, or the archive lied: leave no partial day behind for a later run to pick up.
                await DeleteAsync(bucket, [.. written]).ConfigureAwait(false);
                if (Rejection(failure) is { } rejection)
                {
                    throw Rejected(bucket, key, prefix, rejection);
                }

                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(failure);
            }

            return (plan.Stores.Count, plan.TotalBytes, plan.Skipped.Count);
        }
    }

    /// <summary>
    /// Copies every <paramref name="lanes"/>-th store entry, starting at <paramref name="lane"/>. Entries of one zip
    /// are read one after the other, so each lane beyond the first reads the object through a stream (and archive)
    /// of its own: a few ranged GETs more, and a day's PUTs run <see cref="Lanes"/> at a time instead of in a row.
    /// A failing lane stops the others before their next entry, never inside a PUT: a PUT cancelled on the client may
    /// still be stored by S3 without the lane learning its key, and the clean-up would then leave it behind. Only the
    /// invocation's deadline (<paramref name="deadline"/>) cuts a PUT short.
    /// </summary>
    private async Task CopyLaneAsync(
        int lane, int lanes, ArchivePlan plan, (string Bucket, string Key, GetObjectMetadataResponse Head, string Prefix) upload,
        System.Collections.Concurrent.ConcurrentQueue<string> written, CancellationTokenSource stop, CancellationToken deadline)
    {
        var (bucket, key, head, prefix) = upload;
        S3SeekableStream? source = null;
        ZipArchive? own = null;
        try
        {
            if (lane > 0)
            {
                source = new S3SeekableStream(s3, bucket, key, head.ContentLength, head.ETag);
                own = new ZipArchive(source, ZipArchiveMode.Read, leaveOpen: true);
            }

            for (var i = lane; i < plan.Stores.Count; i += lanes)
            {
                stop.Token.ThrowIfCancellationRequested();
                var store = plan.Stores[i];
                var entry = own is null ? store.Entry : own.GetEntry(store.Entry.FullName) ?? throw new ArchiveRejectedException(
                    $"entry '{store.Entry.FullName}' vanished between two reads of the zip");
                var opened = await entry.OpenAsync(stop.Token).ConfigureAwait(false);
                await using var content = new VerifiedEntryStream(opened, store.Entry.Length, store.Entry.Crc32, store.Entry.FullName);
                var request = new PutObjectRequest
                {
                    BucketName = bucket,
                    Key = prefix + store.FileName,
                    InputStream = content,
                    AutoCloseStream = false,
                    ContentType = "application/json",
                };
                request.Headers.ContentLength = store.Entry.Length;
                await s3.PutObjectAsync(request, deadline).ConfigureAwait(false);
                written.Enqueue(request.Key);
            }
        }
        catch
        {
            await stop.CancelAsync().ConfigureAwait(false);
            throw;
        }
        finally
        {
            own?.Dispose(); // lane 0 reads the caller's archive, which the caller disposes
            if (source is not null)
            {
                await source.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    private async Task<string> StartAsync(string stateMachineArn, string name, string bucket, string prefix, CancellationToken cancellationToken)
    {
        var input = JsonSerializer.Serialize(new WorkflowInput(new UploadedDay(bucket, prefix)), ContractJson.Default.WorkflowInput);
        try
        {
            var started = await stepFunctions.StartExecutionAsync(stateMachineArn, name, input, cancellationToken).ConfigureAwait(false);
            return started.ExecutionArn;
        }
        catch (AwsServiceException e) when (e.ErrorCode == "ExecutionAlreadyExists")
        {
            // A duplicate event that raced this one past the existence check: the run exists, which is all we want.
            return ExecutionNames.ExecutionArn(stateMachineArn, name);
        }
    }

    private async Task<string> StateMachineArnAsync(CancellationToken cancellationToken)
    {
        if (_stateMachineArn is not null)
        {
            return _stateMachineArn;
        }

        try
        {
            var request = new GetParameterRequest { Name = ParameterNames.StepFunctionArn };
            var response = await ssm.GetParameterAsync(request, cancellationToken).ConfigureAwait(false);
            return _stateMachineArn = response.Parameter.Value;
        }
        catch (ParameterNotFoundException e)
        {
            throw new HandlerException("BatchKit.Configuration",
                $"The SSM parameter {ParameterNames.StepFunctionArn} does not exist: deploy the stack (make up, or cdk deploy) so it holds the state "
                + "machine's ARN.", e);
        }
    }

    private async Task<bool> ExistsAsync(string executionArn, CancellationToken cancellationToken)
    {
        try
        {
            await stepFunctions.DescribeExecutionAsync(executionArn, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (AwsServiceException e) when (e.ErrorCode == "ExecutionDoesNotExist")
        {
            return false;
        }
    }

    private async Task DeleteAsync(string bucket, IReadOnlyList<string> keys)
    {
        // Not cancellable: cleaning up is what must still happen when time has run out.
        foreach (var batch in keys.Chunk(1000))
        {
            await s3.DeleteObjectsAsync(new DeleteObjectsRequest { BucketName = bucket, Objects = [.. batch.Select(k => new KeyVersion { Key = k })] })
                .ConfigureAwait(false);
        }
    }

    /// <summary>The archive's fault inside whatever wrapped it (the SDK wraps errors of the stream it uploads).</summary>
    private static ArchiveRejectedException? Rejection(Exception? e)
    {
        for (; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case ArchiveRejectedException rejected:
                    return rejected;
                case InvalidDataException corrupt:
                    return new ArchiveRejectedException($"an entry is corrupt ({corrupt.Message})", corrupt);
            }
        }

        return null;
    }

    private static HandlerException Rejected(string bucket, string key, string prefix, Exception reason) =>
        new("BatchKit.ArchiveRejected",
            $"s3://{bucket}/{key} was refused: {reason.Message}. Nothing was written to {prefix}; fix the zip and upload it again.", reason);
}
