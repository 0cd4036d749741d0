namespace BatchKit.Functions.Upload;

/// <summary>The zip is corrupt or hostile: the whole upload is refused and nothing of it is kept.</summary>
internal sealed class ArchiveRejectedException(string message, Exception? inner = null) : Exception(message, inner);
