using System.Globalization;
using System.Text;

namespace ScaleLab.Data;

/// <summary>
/// User text as it appears in messages: control characters escaped (a message is one line, and a NUL or an
/// escape sequence must not reach the terminal), long values cut with their length stated, so that an error
/// about a 1 MB cell stays one readable line.
/// </summary>
public static class InputText
{
    /// <summary>Characters of a value shown before it is cut.</summary>
    public const int MaxShown = 80;

    /// <summary><paramref name="text"/> escaped, and cut after <paramref name="max"/> characters.</summary>
    public static string Show(ReadOnlySpan<char> text, int max = MaxShown)
    {
        var sb = new StringBuilder(Math.Min(text.Length, max) + 16);
        for (int i = 0; i < text.Length; i++)
        {
            if (i >= max)
            {
                sb.Append("…(").Append(text.Length.ToString(CultureInfo.InvariantCulture)).Append(" characters)");
                return sb.ToString();
            }
            char c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                sb.Append(c).Append(text[++i]);
                continue;
            }
            Append(sb, c);
        }
        return sb.ToString();
    }

    /// <summary><paramref name="text"/> with control characters escaped, not cut (for paths).</summary>
    public static string Escape(string text)
    {
        foreach (var c in text)
        {
            if (NeedsEscape(c) && !char.IsSurrogate(c)) return Show(text, int.MaxValue);
        }
        return text.Any(char.IsSurrogate) ? Show(text, int.MaxValue) : text;
    }

    /// <summary>Quoted names, at most <paramref name="max"/> of them: <c>'a', 'b', … and 12 more</c>.</summary>
    public static string List(IEnumerable<string> names, int max = 24)
    {
        var sb = new StringBuilder();
        int count = 0;
        foreach (var name in names)
        {
            if (count < max)
            {
                if (count > 0) sb.Append(", ");
                sb.Append('\'').Append(Show(name, 40)).Append('\'');
            }
            count++;
        }
        if (count > max) sb.Append(", … and ").Append((count - max).ToString(CultureInfo.InvariantCulture)).Append(" more");
        return sb.ToString();
    }

    /// <summary>True for characters a message must not print raw (C0, DEL, C1 controls, line and paragraph separators, lone surrogates).</summary>
    public static bool NeedsEscape(char c) => c < ' ' || c is >= '\u007f' and <= '\u009f' || c is '\u2028' or '\u2029' || char.IsSurrogate(c);

    private static void Append(StringBuilder sb, char c)
    {
        switch (c)
        {
            case '\n': sb.Append("\\n"); return;
            case '\r': sb.Append("\\r"); return;
            case '\t': sb.Append("\\t"); return;
            case '\0': sb.Append("\\0"); return;
        }
        if (NeedsEscape(c)) sb.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
        else sb.Append(c);
    }
}
