using System.Text;

namespace ScaleLab.IO;

/// <summary>
/// Writes a file whole or not at all: the content goes to a temporary file in the target's own folder, is flushed
/// to disk, and only then renamed over the target (a rename within one folder replaces the file in one step on
/// every platform .NET runs on). A failure while writing (a full disk, a cancelled command) leaves the earlier file
/// as it was and removes the temporary one. Every error names the path the user gave, never the temporary file,
/// and a read-only target is refused rather than replaced behind the user's back. Every command that writes a file
/// (<c>fit --out</c>, <c>plot --out</c>, <c>report --out</c>, <c>runs export --output</c>) writes through here.
/// </summary>
public static class AtomicFile
{
    /// <summary>UTF-8 without a byte-order mark: what every text file ScaleLab writes is encoded as.</summary>
    public static readonly Encoding Utf8 = new UTF8Encoding(false);

    /// <summary>Writes <paramref name="text"/> (UTF-8) to <paramref name="path"/> atomically.</summary>
    /// <exception cref="IOException">The file cannot be written; the message names <paramref name="path"/>.</exception>
    public static void WriteAllText(string path, string text) => Write(path, stream =>
    {
        using var writer = new StreamWriter(stream, Utf8, 1 << 16, leaveOpen: true);
        writer.Write(text);
    });

    /// <summary>Writes <paramref name="bytes"/> to <paramref name="path"/> atomically.</summary>
    /// <exception cref="IOException">The file cannot be written; the message names <paramref name="path"/>.</exception>
    public static void WriteAllBytes(string path, byte[] bytes) => Write(path, stream => stream.Write(bytes));

    /// <summary>Writes what <paramref name="write"/> puts into the stream to <paramref name="path"/> atomically.</summary>
    /// <exception cref="IOException">The file cannot be written; the message names <paramref name="path"/>.</exception>
    public static void Write(string path, Action<Stream> write)
    {
        using var pending = Prepare(path, write);
        pending.Commit();
    }

    /// <summary>
    /// The first half of an atomic write: checks the target, writes the content to the temporary file and flushes it,
    /// but leaves the target alone until <see cref="PendingFile.Commit"/>. Disposing an uncommitted file removes the
    /// temporary one, so a caller can do other work that may fail (print the same document to standard output, say)
    /// between the two halves and write nothing when it does.
    /// </summary>
    /// <exception cref="IOException">The file cannot be written; the message names <paramref name="path"/>.</exception>
    public static PendingFile Prepare(string path, Action<Stream> write)
    {
        string full;
        try
        {
            full = Path.GetFullPath(path);
        }
        catch (Exception ex) when (ex is ArgumentException or NotSupportedException or PathTooLongException)
        {
            throw new IOException($"cannot write '{path}': {ex.Message}", ex);
        }
        if (Directory.Exists(full)) throw new IOException($"cannot write '{path}': it is a folder");
        var folder = Path.GetDirectoryName(full);
        if (folder is null || !Directory.Exists(folder)) throw new IOException($"cannot write '{path}': the folder '{folder}' does not exist");
        if (File.Exists(full) && (File.GetAttributes(full) & FileAttributes.ReadOnly) != 0)
        {
            throw new IOException($"cannot write '{path}': the file is read-only (left as it is; make it writable or choose another name)");
        }
        var temporary = Path.Combine(folder, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16))
            {
                write(stream);
                stream.Flush(flushToDisk: true);
            }
            return new PendingFile(path, full, temporary);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            TryDelete(temporary);
            throw Named(path, temporary, ex);
        }
        catch
        {
            TryDelete(temporary);
            throw;
        }
    }

    /// <summary>An I/O failure restated with the user's path in place of the temporary one.</summary>
    internal static IOException Named(string path, string temporary, Exception ex) =>
        new($"cannot write '{path}': {ex.Message.Replace(temporary, path, StringComparison.Ordinal)}", ex);

    internal static void TryDelete(string temporary)
    {
        try
        {
            File.Delete(temporary);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Nothing more can be done about a temporary file that cannot be removed; the target is untouched.
        }
    }
}
