namespace BatchKit.Aws.S3;

/// <summary>An object being read: its body streams from the open HTTP response, which disposing this closes.</summary>
public sealed class GetObjectResponse(HttpResponseMessage response, Stream body) : IDisposable
{
    public Stream ResponseStream { get; } = body;

    public long? ContentLength => response.Content.Headers.ContentLength;

    public string? ETag => response.Headers.ETag?.Tag;

    public void Dispose()
    {
        ResponseStream.Dispose();
        response.Dispose();
    }
}
