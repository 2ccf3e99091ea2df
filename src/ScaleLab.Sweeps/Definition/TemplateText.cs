using System.Text;

namespace ScaleLab.Sweeps.Definition;

/// <summary>
/// One piece of text with placeholders, <c>{name}</c>, as an argument, an environment value or a
/// folder of a sweep's command: literal text and placeholders in order. <c>{{</c> and <c>}}</c>
/// stand for literal braces. Each placeholder keeps where it was written, for error messages.
/// </summary>
public sealed class TemplateText
{
    private readonly IReadOnlyList<(string? Literal, string? Name, int Offset)> _parts;

    private TemplateText(string text, IReadOnlyList<(string? Literal, string? Name, int Offset)> parts)
    {
        Text = text;
        _parts = parts;
    }

    /// <summary>The text as written (after any shell-like unquoting).</summary>
    public string Text { get; }

    /// <summary>The placeholders in order, each with the offset of its <c>{</c> in the source (through the offsets given to <see cref="Parse"/>).</summary>
    public IEnumerable<(string Name, int Offset)> Placeholders => _parts.Where(p => p.Name is not null).Select(p => (p.Name!, p.Offset));

    /// <summary>
    /// Reads <paramref name="text"/>; <paramref name="offsets"/> maps each of its characters to its place in the
    /// source (null = the identity). A brace that opens or closes no placeholder is reported in <paramref name="problems"/>.
    /// </summary>
    public static TemplateText Parse(string text, IReadOnlyList<int>? offsets, List<(int Offset, string Message)> problems)
    {
        ArgumentNullException.ThrowIfNull(text);
        int At(int i) => offsets is null ? i : i < offsets.Count ? offsets[i] : offsets.Count == 0 ? 0 : offsets[^1] + 1;
        var parts = new List<(string?, string?, int)>();
        var literal = new StringBuilder();
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (c == '{' && i + 1 < text.Length && text[i + 1] == '{') { literal.Append('{'); i++; continue; }
            if (c == '}' && i + 1 < text.Length && text[i + 1] == '}') { literal.Append('}'); i++; continue; }
            if (c == '}')
            {
                problems.Add((At(i), "'}' closes no placeholder: write }} for a literal brace"));
                continue;
            }
            if (c != '{') { literal.Append(c); continue; }
            int close = text.IndexOf('}', i + 1);
            string name = close < 0 ? "" : text[(i + 1)..close];
            if (close < 0 || !Definition.Placeholders.IsName(name))
            {
                problems.Add((At(i), close < 0
                    ? "'{' opens a placeholder that is not closed: write {{ for a literal brace"
                    : $"'{{{name}}}' is not a placeholder name (letters, digits and _): write {{{{ for a literal brace"));
                literal.Append(c);
                continue;
            }
            if (literal.Length > 0) { parts.Add((literal.ToString(), null, 0)); literal.Clear(); }
            parts.Add((null, name, At(i)));
            i = close;
        }
        if (literal.Length > 0) parts.Add((literal.ToString(), null, 0));
        return new TemplateText(text, parts);
    }

    /// <summary>The text with every placeholder replaced by its value.</summary>
    /// <exception cref="KeyNotFoundException">A placeholder has no value (the reader rejects such files).</exception>
    public string Expand(IReadOnlyDictionary<string, string> values)
    {
        var result = new StringBuilder();
        foreach (var (literal, name, _) in _parts) result.Append(literal ?? values[name!]);
        return result.ToString();
    }
}
