using ScaleLab.Toml;

namespace ScaleLab.Formulas.LawFiles;

/// <summary>A <see cref="TomlReader"/> of a law file, with the checks only law files need: formulas, ranges, parameter names.</summary>
internal sealed class LawFileContext(string file, List<TomlError> errors) : TomlReader(file, errors)
{
    /// <summary>A formula error placed at its character inside the string, with the caret lines.</summary>
    public void FormulaError(TomlValue text, FormulaException ex)
    {
        int line = text.Line, column = text.Column;
        if (text.ContentStart is { } start)
        {
            line = start.Line + ex.Line - 1;
            column = ex.Line == 1 ? start.Column + ex.Column - 1 : ex.Column;
        }
        Error(line, column, ex.Message);
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
