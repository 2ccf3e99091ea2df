using System.IO.Enumeration;
using System.Text;
using ScaleLab.Diagnostics;

namespace ScaleLab.Data.Formats;

/// <summary>
/// Opens what the user named as a <see cref="TableCursor"/>: a file (format from its extension, else from its
/// content), <c>-</c> for standard input, or a folder or glob of per-run JSON files. Text is streamed; JSON is
/// read whole (its rows need all their keys before the columns are known).
/// </summary>
internal static class InputOpener
{
    /// <summary>The name standard input gets in messages.</summary>
    public const string StandardInputName = "standard input";

    public static TableCursor Open(string path, ReadOptions options)
    {
        if (path == "-")
        {
            var input = options.StandardInput?.Invoke()
                ?? throw new InputDataException(StandardInputName, null, null, "standard input is not available here; name a file");
            return FromStream(input, StandardInputName, "", options);
        }
        if (Directory.Exists(path)) return JsonFiles(path, Directory.GetFiles(path, "*.json").Where(f => f.EndsWith(".json", StringComparison.OrdinalIgnoreCase)), options);
        if (path.AsSpan().IndexOfAny('*', '?') >= 0) return JsonFiles(path, Glob(path), options);
        Stream stream;
        try
        {
            stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new InputDataException(path, null, null, Unreadable(ex));
        }
        return FromStream(stream, path, Path.GetExtension(path).ToLowerInvariant(), options);
    }

    private static string Unreadable(Exception ex) =>
        ex is FileNotFoundException or DirectoryNotFoundException ? "file not found" : $"cannot be read ({InputText.Show(ex.Message, 160)})";

    /// <summary>The files a glob names (<c>runs/*.json</c>, <c>runs/**/*.json</c>), sorted.</summary>
    private static IEnumerable<string> Glob(string pattern)
    {
        var full = pattern.Replace('\\', '/');
        int wild = full.IndexOfAny(['*', '?']);
        int slash = full.LastIndexOf('/', wild);
        var root = slash < 0 ? "." : full[..slash];
        if (root.Length == 0) root = "/";
        var rest = full[(slash + 1)..];
        if (root.AsSpan().IndexOfAny('*', '?') >= 0 || !Directory.Exists(root)) return [];
        bool recursive = rest.StartsWith("**/", StringComparison.Ordinal);
        var name = recursive ? rest[3..] : rest;
        if (name.Contains('/')) return [];
        var options = new EnumerationOptions { RecurseSubdirectories = recursive, MatchType = MatchType.Simple, IgnoreInaccessible = true };
        return Directory.EnumerateFiles(root, "*", options).Where(f => FileSystemName.MatchesSimpleExpression(name, Path.GetFileName(f)));
    }

    private static TableCursor JsonFiles(string source, IEnumerable<string> found, ReadOptions options)
    {
        var files = found.Order(StringComparer.Ordinal).ToArray();
        if (files.Length == 0) throw new InputDataException(source, null, null, "no file matches (a folder or glob reads per-run .json files)");
        var contents = new List<(string, ReadOnlyMemory<byte>)>(files.Length);
        foreach (var file in files)
        {
            options.CancellationToken.ThrowIfCancellationRequested();
            if (!file.EndsWith(".json", StringComparison.OrdinalIgnoreCase))
            {
                throw new InputDataException(file, null, null, "a folder or glob reads per-run JSON files, and this is not a .json file");
            }
            byte[] bytes;
            try
            {
                bytes = File.ReadAllBytes(file);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                throw new InputDataException(file, null, null, Unreadable(ex));
            }
            var kind = InputSniffer.Classify(bytes.AsSpan(0, Math.Min(bytes.Length, InputSniffer.PrefixLength)));
            if (kind.Binary is not null || kind.IsParquet) throw new InputDataException(file, null, null, kind.IsParquet ? "is a Parquet file, not JSON" : kind.Binary!);
            contents.Add((file, Utf8(bytes, kind)));
        }
        return JsonRowsCursor.Files(contents, source);
    }

    private static ReadOnlyMemory<byte> Utf8(byte[] bytes, InputSniffer.Kind kind) =>
        kind.Encoding is UTF8Encoding ? bytes.AsMemory(kind.BomLength) : Encoding.UTF8.GetBytes(kind.Encoding!.GetString(bytes, kind.BomLength, bytes.Length - kind.BomLength));

    private static TableCursor FromStream(Stream stream, string source, string extension, ReadOptions options)
    {
        try
        {
            var prefix = new byte[InputSniffer.PrefixLength];
            int length = ReadPrefix(stream, prefix, source);
            var kind = InputSniffer.Classify(prefix.AsSpan(0, length));
            if (extension == ".parquet" || kind.IsParquet)
            {
                var open = options.OpenParquet ?? throw new InputDataException(source, null, null,
                    "is a Parquet file; this program reads Parquet through the scalelab command (the ScaleLab.Parquet reader), not the core library alone");
                return open(new PrefixedStream(prefix, 0, length, stream), source);
            }
            if (kind.Binary is not null) throw new InputDataException(source, null, null, kind.Binary);
            if (length - kind.BomLength <= 0) throw new InputDataException(source, null, null, "the file is empty");
            var text = new PrefixedStream(prefix, kind.BomLength, length - kind.BomLength, stream);
            var note = kind.EncodingNote is { } n ? Diagnostic.Info("encoding", n) : null;
            bool json = extension is ".json" or ".jsonl" or ".ndjson";
            if (!json && extension is not (".csv" or ".tsv" or ".tab"))
            {
                var start = kind.Encoding!.GetString(prefix, kind.BomLength, Math.Min(length - kind.BomLength, 4096)).TrimStart();
                json = start.StartsWith('[') || start.StartsWith('{');
                if (start.StartsWith('{')) extension = FirstLine(start).EndsWith('}') ? ".jsonl" : ".json";
                else if (start.StartsWith('[')) extension = ".json";
            }
            if (json)
            {
                var bytes = ReadAll(text, kind.Encoding!);
                var cursor = extension == ".json" ? JsonRowsCursor.Table(bytes, source) : JsonRowsCursor.Lines(bytes, source);
                if (note is not null) cursor.Note(note);
                return cursor;
            }
            var reader = new StreamReader(text, kind.Encoding!, detectEncodingFromByteOrderMarks: false, bufferSize: 1 << 16);
            char separator = extension is ".tsv" or ".tab" ? '\t' : InputSniffer.Delimiter(kind.Encoding!.GetString(prefix, kind.BomLength, length - kind.BomLength));
            var delimited = new DelimitedCursor(reader, source, separator);
            if (note is not null) delimited.Note(note);
            if (separator != (extension is ".tsv" or ".tab" ? '\t' : ','))
            {
                delimited.Note(Diagnostic.Info("delimiter", $"read as {(separator == ';' ? "semicolon" : "tab")}-separated values (the separator the header uses)"));
            }
            return delimited;
        }
        catch
        {
            stream.Dispose();
            throw;
        }
    }

    private static string FirstLine(string text)
    {
        int end = text.IndexOf('\n');
        return (end < 0 ? text : text[..end]).Trim();
    }

    private static int ReadPrefix(Stream stream, byte[] prefix, string source)
    {
        try
        {
            int length = 0, read;
            while (length < prefix.Length && (read = stream.Read(prefix, length, prefix.Length - length)) > 0) length += read;
            return length;
        }
        catch (IOException ex)
        {
            throw new InputDataException(source, null, null, Unreadable(ex));
        }
        catch (UnauthorizedAccessException ex)
        {
            throw new InputDataException(source, null, null, Unreadable(ex));
        }
    }

    private static ReadOnlyMemory<byte> ReadAll(Stream text, Encoding encoding)
    {
        using var memory = new MemoryStream();
        text.CopyTo(memory);
        var bytes = memory.GetBuffer().AsMemory(0, (int)memory.Length);
        return encoding is UTF8Encoding ? bytes : Encoding.UTF8.GetBytes(encoding.GetString(bytes.Span));
    }
}
