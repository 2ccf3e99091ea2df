using System.Globalization;
using System.Text;

namespace ScaleLab.Tests.Fuzz;

/// <summary>One mutated input: its bytes, the extension it is saved under, and the row and column an error must name (when known).</summary>
public sealed record HostileInput(string Kind, byte[] Bytes, string Extension, int? Row = null, string? Column = null)
{
    /// <summary>The mutation left a metric cell empty or NaN, which <c>--missing drop</c> skips rather than reports.</summary>
    public bool MissingMetric { get; init; }
}

/// <summary>
/// Turns a real dataset (a header and rows of plain CSV cells) into hostile files: bad values, headers,
/// delimiters, quoting, encodings, truncation, sizes, line ends, binary content and JSON shapes. Seeded, so
/// that a failure reproduces from its index.
/// </summary>
public sealed class HostileInputs(string[] header, string[][] rows, string[] numericColumns, string[] sizeColumns, string metricColumn)
{
    private static readonly string[] BadNumbers =
    [
        "abc", "1,5", "1e9\0", "NaN", "inf", "-Infinity", "1e400", "--1", "0x10", "1.2.3", "١٢٣", "1e9 x", "\"", "true", "1_000", "∞", " ", "nan(ind)",
    ];

    private static readonly string[] Extremes = ["1e308", "1.7976931348623157e308", "5e-324", "1e-320", "-0", "+1e9", "1E+300", "0.000000000000000000001"];

    /// <summary>Reads a seed CSV with plain cells (no quotes).</summary>
    public static (string[] Header, string[][] Rows) Load(string path)
    {
        var lines = File.ReadAllLines(path).Where(l => l.Length > 0).ToArray();
        return (lines[0].Split(','), lines.Skip(1).Select(l => l.Split(',')).ToArray());
    }

    /// <summary>The <paramref name="index"/>-th input of the stream seeded by <paramref name="seed"/>.</summary>
    public HostileInput Make(int seed, int index)
    {
        var random = new Random(HashCode.Combine(seed, index));
        var take = rows.Take(1 + random.Next(Math.Min(rows.Length, 60))).Select(r => (string[])r.Clone()).ToArray();
        return (index % 19) switch
        {
            0 => BadCell(random, take),
            1 => NonPositive(random, take),
            2 => EmptyMetric(random, take),
            3 => HugeCell(random, take),
            4 => ControlCharacters(random, take),
            5 => Header(random, take),
            6 => Degenerate(random),
            7 => Delimiter(random, take),
            8 => Quoting(random, take),
            9 => Encoding(random, take),
            10 => Truncated(random, take),
            11 => Sizes(random, take),
            12 => LineEnds(random, take),
            13 => Binary(random, take),
            14 => Json(random, take),
            15 => JsonLines(random, take),
            16 => Comments(random, take),
            17 => Extreme(random, take),
            _ => new HostileInput("valid", Utf8(Csv(header, take)), ".csv"),
        };
    }

    private static byte[] Utf8(string text) => new UTF8Encoding(false).GetBytes(text);

    private static string Csv(string[] head, IEnumerable<string[]> body, string separator = ",", string newline = "\n") =>
        string.Join(separator, head) + newline + string.Join("", body.Select(r => string.Join(separator, r) + newline));

    private int Column(Random random, string[] among) => Array.IndexOf(header, among[random.Next(among.Length)]);

    private HostileInput BadCell(Random random, string[][] take)
    {
        int r = random.Next(take.Length), c = Column(random, numericColumns);
        var bad = BadNumbers[random.Next(BadNumbers.Length)];
        // A quote or a comma in a cell is CSV syntax, not a value: quote the cell as a writer would.
        take[r][c] = bad.Contains('"') || bad.Contains(',') ? "\"" + bad.Replace("\"", "\"\"") + "\"" : bad;
        bool missing = header[c] == metricColumn && (bad.Trim().Length == 0 || bad == "NaN");
        return new HostileInput("bad-cell", Utf8(Csv(header, take)), ".csv", r + 1, header[c]) { MissingMetric = missing };
    }

    private HostileInput NonPositive(Random random, string[][] take)
    {
        int r = random.Next(take.Length), c = Column(random, sizeColumns);
        take[r][c] = random.Next(2) == 0 ? "0" : "-" + take[r][c].TrimStart('-');
        return new HostileInput("non-positive", Utf8(Csv(header, take)), ".csv", r + 1, header[c]);
    }

    private HostileInput EmptyMetric(Random random, string[][] take)
    {
        int r = random.Next(take.Length);
        take[r][Array.IndexOf(header, metricColumn)] = random.Next(2) == 0 ? "" : "NaN";
        return new HostileInput("empty-metric", Utf8(Csv(header, take)), ".csv", r + 1, metricColumn) { MissingMetric = true };
    }

    private HostileInput HugeCell(Random random, string[][] take)
    {
        int r = random.Next(take.Length), c = random.Next(header.Length);
        char fill = "7a.e"[random.Next(4)];
        take[r][c] = new string(fill, 1000 + random.Next(50_000));
        return new HostileInput("huge-cell", Utf8(Csv(header, take)), ".csv");
    }

    private HostileInput ControlCharacters(Random random, string[][] take)
    {
        int r = random.Next(take.Length), c = random.Next(header.Length);
        string[] junk = ["\u001b[31mred\u001b[0m", "\0\0", "\u0007", "\u2028", "a\u0000b", "\u009b2J", "\uFFFE"];
        take[r][c] += junk[random.Next(junk.Length)];
        var head = (string[])header.Clone();
        if (random.Next(3) == 0) head[random.Next(head.Length)] += "\u001b]0;title\u0007";
        return new HostileInput("control-characters", Utf8(Csv(head, take)), ".csv");
    }

    private HostileInput Header(Random random, string[][] take)
    {
        var head = (string[])header.Clone();
        int c = random.Next(head.Length);
        switch (random.Next(6))
        {
            case 0: head[c] = head[c].Length > 1 ? head[c][1..] + head[c][0] : "x"; break;
            case 1: head[c] = head[(c + 1) % head.Length].ToUpperInvariant(); break;
            case 2: head[c] = ""; break;
            case 3: head = head.Where((_, i) => i != c).ToArray(); break;
            case 4: return new HostileInput("no-header", Utf8(Csv(take[0], take.Skip(1))), ".csv");
            default: head[c] = new string('h', 5000); break;
        }
        return new HostileInput("header", Utf8(Csv(head, take)), ".csv");
    }

    private HostileInput Degenerate(Random random)
    {
        string[] texts = ["", "\n\n\n", "\uFEFF", string.Join(",", header), string.Join(",", header) + "\n\n", "   \n\t\n", ",", "\"\"", "#\n#\n"];
        var ext = new[] { ".csv", ".tsv", ".json", ".jsonl", ".txt" }[random.Next(5)];
        return new HostileInput("degenerate", Utf8(texts[random.Next(texts.Length)]), ext);
    }

    private HostileInput Delimiter(Random random, string[][] take)
    {
        var separator = new[] { ";", "\t", "|", " " }[random.Next(4)];
        var text = Csv(header, take, separator);
        if (random.Next(3) == 0)
        {
            // Mixed: some lines keep commas.
            var lines = text.Split('\n');
            for (int i = 0; i < lines.Length; i++) if (random.Next(4) == 0) lines[i] = lines[i].Replace(separator, ",");
            text = string.Join('\n', lines);
        }
        return new HostileInput("delimiter", Utf8(text), random.Next(2) == 0 ? ".csv" : ".tsv");
    }

    private HostileInput Quoting(Random random, string[][] take)
    {
        var text = Csv(header, take);
        int at = random.Next(text.Length);
        text = random.Next(3) switch
        {
            0 => text.Insert(at, "\""),
            1 => text.Insert(at, "\"a\nb\""),
            _ => text.Insert(at, "\"x\"y"),
        };
        return new HostileInput("quoting", Utf8(text), ".csv");
    }

    private HostileInput Encoding(Random random, string[][] take)
    {
        var text = Csv(header, take);
        byte[] bytes = random.Next(7) switch
        {
            0 => [.. System.Text.Encoding.Unicode.GetPreamble(), .. System.Text.Encoding.Unicode.GetBytes(text)],
            1 => [.. System.Text.Encoding.BigEndianUnicode.GetPreamble(), .. System.Text.Encoding.BigEndianUnicode.GetBytes(text)],
            2 => System.Text.Encoding.Unicode.GetBytes(text),
            3 => [.. System.Text.Encoding.UTF32.GetPreamble(), .. System.Text.Encoding.UTF32.GetBytes(text)],
            4 => System.Text.Encoding.Latin1.GetBytes("é" + text),
            5 => [.. Utf8(text).Take(text.Length / 2), 0xC3, 0x28, 0xED, 0xA0, 0x80, .. Utf8(text).Skip(text.Length / 2)],
            _ => [0xEF, 0xBB, 0xBF, .. Utf8(text)],
        };
        return new HostileInput("encoding", bytes, ".csv");
    }

    private HostileInput Truncated(Random random, string[][] take)
    {
        var bytes = Utf8(Csv(header, take));
        return new HostileInput("truncated", bytes[..random.Next(bytes.Length)], random.Next(4) == 0 ? ".json" : ".csv");
    }

    private HostileInput Sizes(Random random, string[][] take)
    {
        switch (random.Next(3))
        {
            case 0:
                return new HostileInput("repeated-rows", Utf8(Csv(header, Enumerable.Repeat(take[0], 2 + random.Next(500)))), ".csv");
            case 1:
                var wide = header.Concat(Enumerable.Range(0, 300).Select(i => "extra" + i.ToString(CultureInfo.InvariantCulture))).ToArray();
                return new HostileInput("wide", Utf8(Csv(wide, take.Select(r => r.Concat(Enumerable.Repeat("1", 300)).ToArray()))), ".csv");
            default:
                return new HostileInput("long-line", Utf8(Csv(header, take) + new string(',', 20_000) + "\n"), ".csv");
        }
    }

    private HostileInput LineEnds(Random random, string[][] take)
    {
        var newline = new[] { "\r\n", "\r", "\n\r", "\n\n" }[random.Next(4)];
        return new HostileInput("line-ends", Utf8(Csv(header, take, ",", newline)), ".csv");
    }

    private HostileInput Binary(Random random, string[][] take)
    {
        var noise = new byte[1 + random.Next(4096)];
        random.NextBytes(noise);
        byte[][] magic = [[0x1f, 0x8b], "PAR1"u8.ToArray(), [0x50, 0x4b, 3, 4], "SQLite format 3\0"u8.ToArray(), [0x89, 0x50, 0x4e, 0x47], []];
        var head = magic[random.Next(magic.Length)];
        if (random.Next(3) == 0)
        {
            var text = Utf8(Csv(header, take));
            text[random.Next(text.Length)] = 0;
            return new HostileInput("nul-byte", text, ".csv");
        }
        return new HostileInput("binary", [.. head, .. noise], new[] { ".csv", ".parquet", ".json", ".bin" }[random.Next(4)]);
    }

    private static string Value(string cell) =>
        double.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture, out var x) && double.IsFinite(x) ? cell : "\"" + cell.Replace("\"", "\\\"") + "\"";

    private string Objects(string[][] take) =>
        string.Join(",", take.Select(r => "{" + string.Join(",", header.Select((h, i) => $"\"{h}\": {Value(r[i])}")) + "}"));

    private HostileInput Json(Random random, string[][] take)
    {
        var objects = Objects(take);
        string text = random.Next(14) switch
        {
            0 => "[" + objects + "]",
            1 => "{\"rows\": [" + objects + "]}",
            2 => "{\"runs\": [" + objects + "], \"rows\": [" + objects + "]}",
            3 => "[" + objects.Insert(1, $"\"{header[0]}\": 1, ") + "]",
            4 => "[" + objects.Insert(1, "\"note\": \"\\ud800\\udfff\\udc00\", ") + "]",
            5 => "[" + objects.Replace(": " + take[0][^1], ": null") + "]",
            6 => "[" + objects.Insert(1, "\"nested\": {\"a\": [1, {\"b\": null}]}, ") + "]",
            7 => ("[" + objects + "]")[..random.Next(objects.Length)],
            8 => new[] { "3", "\"text\"", "null", "true", "[[1,2],[3]]", "[1, {\"N\": 1}]", "{}" }[random.Next(7)],
            9 => new string('[', 2000) + new string(']', 2000),
            10 => "[" + objects + ",]",
            11 => "// comment\n[" + objects + "] /* end */",
            12 => "[" + objects.Insert(1, $"\"{header[0]}\": \"1e9\\u0000\", ").Replace($"\"{header[0]}\": {Value(take[0][0])},", "") + "]",
            _ => "[" + objects.Insert(1, $"\"huge\": \"{new string('x', 100_000)}\", ") + "]",
        };
        return new HostileInput("json", Utf8(text), random.Next(5) == 0 ? ".txt" : ".json");
    }

    private HostileInput JsonLines(Random random, string[][] take)
    {
        var lines = take.Select(r => "{" + string.Join(",", header.Select((h, i) => $"\"{h}\": {Value(r[i])}")) + "}").ToList();
        if (random.Next(2) == 0) lines.Insert(random.Next(lines.Count + 1), new[] { "{", "[1]", "not json", "{\"a\": }", "\"\\ud800\"" }[random.Next(5)]);
        return new HostileInput("jsonl", Utf8(string.Join('\n', lines) + "\n"), random.Next(2) == 0 ? ".jsonl" : ".ndjson");
    }

    private HostileInput Comments(Random random, string[][] take)
    {
        var lines = Csv(header, take).Split('\n').ToList();
        for (int k = 0; k < 1 + random.Next(4); k++)
        {
            var comment = random.Next(2) == 0 ? "# a comment" : "#" + string.Join(",", header);
            lines.Insert(random.Next(lines.Count), comment);
        }
        return new HostileInput("comments", Utf8(string.Join('\n', lines)), ".csv");
    }

    private HostileInput Extreme(Random random, string[][] take)
    {
        int r = random.Next(take.Length), c = Column(random, numericColumns);
        take[r][c] = Extremes[random.Next(Extremes.Length)];
        return new HostileInput("extreme", Utf8(Csv(header, take)), ".csv");
    }
}
