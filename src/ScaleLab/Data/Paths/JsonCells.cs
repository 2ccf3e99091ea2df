using System.Text.Json;

namespace ScaleLab.Data.Paths;

/// <summary>
/// JSON values as cell text, never throwing on text .NET refuses to decode (a lone UTF-16 surrogate, invalid
/// UTF-8): such characters become U+FFFD, so a bad character in a tag column cannot stop a read.
/// </summary>
internal static class JsonCells
{
    /// <summary>The value as text: strings unescaped, numbers as written, true/false, objects and arrays as written; null for JSON null.</summary>
    public static string? Text(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => String(value),
        JsonValueKind.Null or JsonValueKind.Undefined => null,
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        _ => value.GetRawText(),
    };

    /// <summary>A string value, with undecodable characters replaced.</summary>
    public static string String(JsonElement value)
    {
        try
        {
            return value.GetString() ?? "";
        }
        catch (InvalidOperationException)
        {
            return Replaced(value.GetRawText());
        }
    }

    /// <summary>A property name, with undecodable characters replaced.</summary>
    public static string Name(JsonProperty property)
    {
        try
        {
            return property.Name;
        }
        catch (InvalidOperationException)
        {
            // The raw text is "name": value; the name is the first JSON string in it.
            var raw = property.ToString();
            int end = raw.IndexOf("\":", StringComparison.Ordinal);
            return Replaced(end > 0 ? raw[..(end + 1)] : raw);
        }
    }

    // Unescapes a raw JSON string literal (with its quotes) by hand, replacing what cannot be decoded.
    private static string Replaced(string raw)
    {
        var s = raw.Length >= 2 && raw[0] == '"' && raw[^1] == '"' ? raw[1..^1] : raw;
        var sb = new System.Text.StringBuilder(s.Length);
        for (int i = 0; i < s.Length; i++)
        {
            char c = s[i];
            if (c != '\\' || i + 1 >= s.Length)
            {
                sb.Append(char.IsSurrogate(c) ? '\uFFFD' : c);
                continue;
            }
            char e = s[++i];
            switch (e)
            {
                case 'n': sb.Append('\n'); break;
                case 't': sb.Append('\t'); break;
                case 'r': sb.Append('\r'); break;
                case 'b': sb.Append('\b'); break;
                case 'f': sb.Append('\f'); break;
                case 'u' when Hex(s, i + 1) is { } code:
                    i += 4;
                    if (char.IsHighSurrogate(code) && i + 6 < s.Length && s[i + 1] == '\\' && s[i + 2] == 'u' && Hex(s, i + 3) is { } low && char.IsLowSurrogate(low))
                    {
                        sb.Append(code).Append(low);
                        i += 6;
                    }
                    else sb.Append(char.IsSurrogate(code) ? '\uFFFD' : code);
                    break;
                default: sb.Append(e); break;
            }
        }
        return sb.ToString();
    }

    private static char? Hex(string s, int at) =>
        at + 4 <= s.Length && int.TryParse(s.AsSpan(at, 4), System.Globalization.NumberStyles.AllowHexSpecifier, null, out var code) ? (char)code : null;
}
