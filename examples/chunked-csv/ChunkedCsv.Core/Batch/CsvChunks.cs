namespace ChunkedCsv.Batch;

/// <summary>
/// Splits an uploaded CSV into chunks of at most N records, each a CSV with the header again, numbered from 1; and reads
/// a chunk back into its records with their line numbers in the original file (header = line 1). Every line after the
/// header is a record, blank ones included (they are reported as empty rows), except the file's final line break.
/// </summary>
public static class CsvChunks
{
    public const int DefaultSize = 100;
    public const int MaxSize = 1_000;

    public static IReadOnlyList<CsvChunk> Split(string text, int size)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentOutOfRangeException.ThrowIfLessThan(size, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(size, MaxSize);
        var lines = Lines(text);
        if (lines.Count == 0)
        {
            throw new InvalidDataException("the file is empty: it needs the header " + OrderRow.Header);
        }

        if (lines[0].Trim() != OrderRow.Header)
        {
            throw new InvalidDataException($"line 1: expected the header '{OrderRow.Header}', found '{Shorten(lines[0])}'");
        }

        return [.. lines.Skip(1).Chunk(size).Select((records, i) => new CsvChunk(i + 1, 2 + (i * size), records))];
    }

    /// <summary>The records of a chunk's text, numbered from <paramref name="firstLine"/>.</summary>
    public static IReadOnlyList<(int Line, string Text)> Records(string chunkText, int firstLine)
    {
        ArgumentNullException.ThrowIfNull(chunkText);
        var lines = Lines(chunkText);
        if (lines.Count == 0 || lines[0].Trim() != OrderRow.Header)
        {
            throw new InvalidDataException("the chunk does not start with the header " + OrderRow.Header);
        }

        return [.. lines.Skip(1).Select((text, i) => (firstLine + i, text))];
    }

    private static List<string> Lines(string text)
    {
        var lines = text.Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        if (lines.Count > 0 && lines[^1].Length == 0)
        {
            lines.RemoveAt(lines.Count - 1); // the final line break ends the last record; it does not start another
        }

        return lines;
    }

    private static string Shorten(string text) => text.Length <= 80 ? text : text[..80] + "…";
}

/// <summary>One chunk: its number (from 1), the line its first record had in the file, and its records' text.</summary>
public sealed record CsvChunk(int Index, int FirstLine, IReadOnlyList<string> Records)
{
    public string Text => OrderRow.Header + "\n" + string.Concat(Records.Select(r => r + "\n"));
}
