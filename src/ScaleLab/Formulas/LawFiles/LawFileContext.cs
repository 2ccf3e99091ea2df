namespace ScaleLab.Formulas.LawFiles;

/// <summary>Typed access to a law file's values that records an error with its place instead of stopping at the first.</summary>
internal sealed class LawFileContext(string file, List<LawFileError> errors)
{
    public void Error(TomlValue at, string message) => errors.Add(new LawFileError(file, at.Line, at.Column, message));

    public void Error(int line, int column, string message) => errors.Add(new LawFileError(file, line, column, message));

    /// <summary>A formula error placed at its character inside the string, with the caret lines.</summary>
    public void FormulaError(TomlValue text, FormulaException ex)
    {
        int line = text.Line, column = text.Column;
        if (text.ContentStart is { } start)
        {
            line = start.Line + ex.Line - 1;
            column = ex.Line == 1 ? start.Column + ex.Column - 1 : ex.Column;
        }
        errors.Add(new LawFileError(file, line, column, ex.Message));
    }

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

    public bool Expect(TomlValue value, TomlValueKind kind, string subject, string expected)
    {
        if (value.Kind == kind) return true;
        Error(value, $"{subject} must be {expected}, not {value.Describe()}");
        return false;
    }

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

    public string? OptionalString(TomlValue table, string key)
    {
        var value = table.Get(key);
        return value is not null && Expect(value, TomlValueKind.String, $"'{key}'", "text in quotes") ? value.Text : null;
    }

    public double? OptionalNumber(TomlValue table, string key)
    {
        var value = table.Get(key);
        if (value is null || !Expect(value, TomlValueKind.Number, $"'{key}'", "a number")) return null;
        if (double.IsNaN(value.Number)) { Error(value, $"'{key}' must be a number, not nan"); return null; }
        return value.Number;
    }

    public bool? OptionalBoolean(TomlValue table, string key)
    {
        var value = table.Get(key);
        return value is not null && Expect(value, TomlValueKind.Boolean, $"'{key}'", "true or false") ? value.Boolean : null;
    }

    public (double Lower, double Upper)? OptionalRange(TomlValue table, string key, string subject)
    {
        var value = table.Get(key);
        if (value is null || !Expect(value, TomlValueKind.Array, $"{subject}: '{key}'", "an array [lower, upper]")) return null;
        if (value.Items.Count != 2 || value.Items.Any(i => i.Kind != TomlValueKind.Number || !double.IsFinite(i.Number)))
        {
            Error(value, $"{subject}: '{key}' must be two finite numbers [lower, upper]");
            return null;
        }
        if (!(value.Items[0].Number <= value.Items[1].Number))
        {
            Error(value, $"{subject}: '{key}' = [{FormulaPrinter.Number(value.Items[0].Number)}, {FormulaPrinter.Number(value.Items[1].Number)}] is empty (lower above upper)");
            return null;
        }
        return (value.Items[0].Number, value.Items[1].Number);
    }

    /// <summary>Reports a name that is not a parameter of the law (a variable, a definition, or unknown with near misses).</summary>
    public void CheckParameterName(FormulaProgram program, string name, int line, int column, string subject)
    {
        switch (program.Classify(name))
        {
            case FormulaSymbolKind.Parameter: return;
            case FormulaSymbolKind.Variable: Error(line, column, $"{subject}: '{name}' is a variable of the law, not a parameter"); return;
            case FormulaSymbolKind.Definition: Error(line, column, $"{subject}: '{name}' is a definition of the law, not a parameter"); return;
        }
        var hint = NearMisses.Hint(name, program.Parameters) ?? $"the parameters are {string.Join(", ", program.Parameters)}";
        Error(line, column, $"{subject}: '{name}' is not a parameter of the formula; {hint}");
    }
}
