using System.Text;
using System.Text.Unicode;

namespace ScaleLab.Data.Formats;

/// <summary>
/// Recognises what the first bytes of an input are: a Parquet file, another binary format (said by name, so
/// that a gzip or a spreadsheet is not reported as "only a header"), or text in some encoding (byte-order
/// marks, UTF-16 without one, Latin-1 when the bytes are not UTF-8); and, for delimited text, its separator.
/// </summary>
internal static class InputSniffer
{
    /// <summary>Bytes looked at.</summary>
    public const int PrefixLength = 1 << 16;

    /// <summary>What the prefix is: binary (with a description), Parquet, or text with its encoding and the bytes of its byte-order mark.</summary>
    public readonly record struct Kind(bool IsParquet, string? Binary, Encoding? Encoding, int BomLength, string? EncodingNote);

    private static readonly (byte[] Magic, string What)[] Signatures =
    [
        ([0x1f, 0x8b], "a gzip-compressed file: decompress it first (gunzip)"),
        ([0x50, 0x4b, 0x03, 0x04], "a zip archive (an .xlsx spreadsheet is one): export the sheet as CSV"),
        ("%PDF"u8.ToArray(), "a PDF document"),
        ([0x89, 0x50, 0x4e, 0x47], "a PNG image"),
        ([0xff, 0xd8, 0xff], "a JPEG image"),
        ("GIF8"u8.ToArray(), "a GIF image"),
        ("SQLite format 3"u8.ToArray(), "a SQLite database (a run store? `scalelab runs export` writes its runs as CSV)"),
        ([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59], "a NumPy array (.npy): save it as CSV"),
        ("ARROW1"u8.ToArray(), "an Arrow/Feather file: write it as Parquet or CSV"),
        ([0x89, 0x48, 0x44, 0x46], "an HDF5 file"),
        ("BZh"u8.ToArray(), "a bzip2-compressed file: decompress it first"),
        ([0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00], "an xz-compressed file: decompress it first"),
        ([0x28, 0xb5, 0x2f, 0xfd], "a zstd-compressed file: decompress it first"),
        ([0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c], "a 7z archive"),
        ([0x7f, 0x45, 0x4c, 0x46], "an executable (ELF)"),
        ([0xd0, 0xcf, 0x11, 0xe0], "an old Office document (.xls): export the sheet as CSV"),
    ];

    public static Kind Classify(ReadOnlySpan<byte> prefix)
    {
        if (prefix.StartsWith("PAR1"u8)) return new Kind(true, null, null, 0, null);
        if (prefix.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF])) return Text(Encoding.UTF8, 3, null);
        if (prefix.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE, 0x00, 0x00])) return Text(new UTF32Encoding(false, false), 4, null);
        if (prefix.StartsWith((ReadOnlySpan<byte>)[0x00, 0x00, 0xFE, 0xFF])) return Text(new UTF32Encoding(true, false), 4, null);
        if (prefix.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE])) return Text(Encoding.Unicode, 2, null);
        if (prefix.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF])) return Text(Encoding.BigEndianUnicode, 2, null);
        foreach (var (magic, what) in Signatures)
        {
            if (prefix.StartsWith(magic)) return new Kind(false, $"looks like {what}, not a table of runs (CSV, TSV, JSON, JSON Lines or Parquet)", null, 0, null);
        }
        if (prefix.StartsWith((ReadOnlySpan<byte>)[0x80]) && prefix.Length > 1 && prefix[1] is >= 2 and <= 5)
        {
            return new Kind(false, "looks like a Python pickle, not a table of runs: save it as CSV or Parquet", null, 0, null);
        }
        int nul = prefix.IndexOf((byte)0);
        if (nul >= 0)
        {
            // UTF-16 without a byte-order mark: ASCII text has a zero in every other byte.
            int even = 0, odd = 0, pairs = Math.Min(prefix.Length / 2, 4096);
            for (int i = 0; i < pairs; i++)
            {
                if (prefix[2 * i] == 0) even++;
                if (prefix[2 * i + 1] == 0) odd++;
            }
            if (pairs >= 2 && odd > 0.4 * pairs && even < 0.05 * pairs) return Text(Encoding.Unicode, 0, "read as UTF-16 (little-endian) without a byte-order mark");
            if (pairs >= 2 && even > 0.4 * pairs && odd < 0.05 * pairs) return Text(Encoding.BigEndianUnicode, 0, "read as UTF-16 (big-endian) without a byte-order mark");
            // A stray NUL in text is a bad cell, which the reader names by row and column; many are a binary file.
            if (prefix.Count((byte)0) * 64 > prefix.Length)
            {
                return new Kind(false, $"looks like a binary file (a NUL byte at byte {nul + 1}), not a table of runs (CSV, TSV, JSON, JSON Lines or Parquet)", null, 0, null);
            }
        }
        int controls = 0;
        foreach (var b in prefix) if (b < 0x20 && b is not ((byte)'\t' or (byte)'\n' or (byte)'\r' or 0x0c or 0)) controls++;
        if (prefix.Length > 64 && controls > prefix.Length / 10)
        {
            return new Kind(false, "looks like a binary file (mostly control bytes), not a table of runs (CSV, TSV, JSON, JSON Lines or Parquet)", null, 0, null);
        }
        // Not UTF-8 (ignoring a sequence cut at the end of the prefix): Latin-1 is what spreadsheets export then.
        if (!Utf8.IsValid(prefix.Length == PrefixLength ? WholeCharacters(prefix) : prefix))
        {
            return Text(Encoding.Latin1, 0, "not valid UTF-8: read as Latin-1");
        }
        return Text(new UTF8Encoding(false, false), 0, null);
    }

    // The prefix without a UTF-8 sequence cut by its end.
    private static ReadOnlySpan<byte> WholeCharacters(ReadOnlySpan<byte> prefix)
    {
        for (int back = 1; back <= Math.Min(4, prefix.Length); back++)
        {
            byte b = prefix[^back];
            if ((b & 0xC0) != 0x80) return b < 0x80 ? prefix : prefix[..^back];
        }
        return prefix;
    }

    private static Kind Text(Encoding encoding, int bom, string? note) => new(false, null, encoding, bom, note);

    /// <summary>
    /// The separator of delimited text: of comma, semicolon and tab, the one that occurs most (outside quotes) in
    /// the header, the first line that is neither blank nor a # comment; a comma when none occurs.
    /// </summary>
    public static char Delimiter(string text)
    {
        int start = 0;
        while (start < text.Length)
        {
            int end = text.IndexOf('\n', start);
            if (end < 0) end = text.Length;
            var line = text.AsSpan(start, end - start).Trim();
            if (line.Length > 0 && line[0] != '#')
            {
                int commas = 0, semicolons = 0, tabs = 0;
                bool quoted = false;
                foreach (var c in text.AsSpan(start, end - start))
                {
                    if (c == '"') quoted = !quoted;
                    else if (quoted) continue;
                    else if (c == ',') commas++;
                    else if (c == ';') semicolons++;
                    else if (c == '\t') tabs++;
                }
                if (semicolons > commas && semicolons >= tabs) return ';';
                if (tabs > commas && tabs > semicolons) return '\t';
                return ',';
            }
            start = end + 1;
        }
        return ',';
    }
}
