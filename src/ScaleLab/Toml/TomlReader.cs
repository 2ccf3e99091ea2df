using ScaleLab.Formulas;

namespace ScaleLab.Toml;

/// <summary>
/// Typed access to a TOML file's values that records an error with its place instead of stopping at
/// the first, so a reader can report every problem of a file at once: unknown keys with their near
/// misses, values of the wrong type, missing keys.
/// </summary>
public class TomlReader
{
    private readonly List<TomlError> _errors;

    /// <summary>A reader of <paramref name="file"/> adding its errors to <paramref name="errors"/>.</summary>
    public TomlReader(string file, List<TomlError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        File = file;
        _errors = errors;
    }

    /// <summary>The file as the user named it.</summary>
    public string File { get; }

    /// <summary>The errors found so far, in the order found.</summary>
    public IReadOnlyList<TomlError> Errors => _errors;

    /// <summary>Records an error at <paramref name="at"/>.</summary>
    public void Error(TomlValue at, string message) => Error(at.Line, at.Column, message);

    /// <summary>Records an error at a line and column.</summary>
    public void Error(int line, int column, string message) => _errors.Add(new TomlError(File, line, column, message));

    /// <summary>The errors found, by line and column.</summary>
    public IReadOnlyList<TomlError> Sorted() => [.. _errors.OrderBy(e => e.Line).ThenBy(e => e.Column)];

    /// <summary>Reports keys of <paramref name="table"/> not in <paramref name="allowed"/>, with near misses.</summary>
    public void CheckKeys(TomlValue table, IReadOnlyList<string> allowed, string subject)
    {
        foreach (var (key, line, column, _) in table.Entries)
        {
            if (allowed.Contains(key)) continue;
            var hint = NearMisses.Hint(key, allowed) ?? $"{subject} has the keys {string.Join(", ", allowed)}";
            Error(line, column, $"unknown key '{key}' in {subject}: {hint}");
        }
    }

    /// <summary>True when <paramref name="value"/> is of <paramref name="kind"/>; else records "<paramref name="subject"/> must be <paramref name="expected"/>, not …".</summary>
    public bool Expect(TomlValue value, TomlValueKind kind, string subject, string expected)
    {
        if (value.Kind == kind) return true;
        Error(value, $"{subject} must be {expected}, not {value.Describe()}");
        return false;
    }

    /// <summary>The string at <paramref name="key"/>; null with an error when it is missing or not a string.</summary>
    public TomlValue? RequiredString(TomlValue table, string key, string? subject = null)
    {
        var value = table.Get(key);
        if (value is null)
        {
            Error(table, subject is null ? $"missing '{key}'" : $"{subject} has no '{key}'");
            return null;
        }
        return Expect(value, TomlValueKind.String, subject is null ? $"'{key}'" : $"{subject}: '{key}'", "text in quotes") ? value : null;
    }

    /// <summary>The string at <paramref name="key"/>, or null when absent (with an error when it is not a string).</summary>
    public string? OptionalString(TomlValue table, string key)
    {
        var value = table.Get(key);
        return value is not null && Expect(value, TomlValueKind.String, $"'{key}'", "text in quotes") ? value.Text : null;
    }

    /// <summary>The number at <paramref name="key"/>, or null when absent (with an error when it is not a number, or is nan).</summary>
    public double? OptionalNumber(TomlValue table, string key)
    {
        var value = table.Get(key);
        if (value is null || !Expect(value, TomlValueKind.Number, $"'{key}'", "a number")) return null;
        if (double.IsNaN(value.Number)) { Error(value, $"'{key}' must be a number, not nan"); return null; }
        return value.Number;
    }

    /// <summary>The boolean at <paramref name="key"/>, or null when absent (with an error when it is not true or false).</summary>
    public bool? OptionalBoolean(TomlValue table, string key)
    {
        var value = table.Get(key);
        return value is not null && Expect(value, TomlValueKind.Boolean, $"'{key}'", "true or false") ? value.Boolean : null;
    }
}
