using System.Runtime.InteropServices;

namespace BatchKit.Emulator.Storage;

/// <summary>
/// Writes that survive a crash or a power cut: the bytes go to a temporary file in the same directory, are flushed to
/// the disk (fsync), renamed over the target (atomic on POSIX: a reader sees the old file or the new, never half of
/// one), and the directory is fsynced so the rename itself is on the disk before the caller answers.
/// https://man7.org/linux/man-pages/man2/fsync.2.html ("fsync() on a file descriptor for the directory is also needed")
/// </summary>
internal static partial class DurableFile
{
    private const int ReadOnly = 0;
    private const int Directory = 0x10000; // O_DIRECTORY on Linux

    /// <summary>Replaces <paramref name="path"/> with <paramref name="content"/> in one atomic, durable step.</summary>
    public static void WriteAtomic(string path, byte[] content, bool sync) => WriteAtomic(path, file => file.Write(content), sync);

    /// <summary>
    /// As <see cref="WriteAtomic(string, byte[], bool)"/>, the content written by <paramref name="write"/> straight
    /// to the file: a large record needs no buffer of its whole size (which would land on the large object heap).
    /// </summary>
    public static void WriteAtomic(string path, Action<Stream> write, bool sync)
    {
        var temp = TempPathBeside(path);
        try
        {
            using (var file = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                write(file);
                file.Flush(flushToDisk: sync);
            }

            File.Move(temp, path, overwrite: true);
        }
        finally
        {
            File.Delete(temp);
        }

        if (sync)
        {
            SyncDirectory(Path.GetDirectoryName(path)!);
        }
    }

    /// <summary>Removes a file and makes the removal durable; false when there was none.</summary>
    public static bool Delete(string path, bool sync)
    {
        if (!File.Exists(path))
        {
            return false;
        }

        File.Delete(path);
        if (sync)
        {
            SyncDirectory(Path.GetDirectoryName(path)!);
        }

        return true;
    }

    /// <summary>A name in the target's directory (a rename only stays atomic within one file system) that start-up cleans.</summary>
    public static string TempPathBeside(string path) =>
        Path.Combine(Path.GetDirectoryName(path)!, TempPrefix + Guid.NewGuid().ToString("N"));

    /// <summary>Files whose names start with this are unfinished writes; start-up removes them.</summary>
    public const string TempPrefix = ".tmp-";

    /// <summary>fsync(2) on the directory, so entries created, renamed or removed in it are on the disk.</summary>
    public static void SyncDirectory(string directory)
    {
        if (!OperatingSystem.IsLinux())
        {
            return; // other systems either order metadata writes themselves or cannot open a directory for fsync
        }

        var fd = Open(directory, ReadOnly | Directory);
        if (fd < 0)
        {
            throw new IOException($"cannot open directory {directory} to sync it (errno {Marshal.GetLastPInvokeError()})");
        }

        try
        {
            if (FSync(fd) != 0)
            {
                throw new IOException($"fsync of directory {directory} failed (errno {Marshal.GetLastPInvokeError()})");
            }
        }
        finally
        {
            _ = Close(fd);
        }
    }

    [LibraryImport("libc", EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Open(string path, int flags);

    [LibraryImport("libc", EntryPoint = "fsync", SetLastError = true)]
    private static partial int FSync(int fd);

    [LibraryImport("libc", EntryPoint = "close", SetLastError = true)]
    private static partial int Close(int fd);
}
