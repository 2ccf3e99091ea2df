using System.Text.RegularExpressions;
using ScaleLab.Data;
using ScaleLab.Formulas;
using ScaleLab.Formulas.LawFiles;
using ScaleLab.Laws;

namespace ScaleLab.Cli.Commands;

/// <summary>
/// A law as the command line names it: a registered name (<c>chinchilla</c>), a law file (<c>laws/vocab.toml</c>, or
/// <c>--law-file</c>), or a formula (<c>'E + A*N^-alpha + B*D^-beta'</c>: any text that is neither). A formula's
/// symbols are sorted once the data's columns are known: N, D, C and U are always variables, so are the symbols
/// bound with <c>--var</c> and those equal to a column's name; every other symbol is a parameter. Syntax errors show at
/// once (<see cref="Parse"/>), before any data are read.
/// </summary>
internal sealed partial class LawChoice
{
    private readonly FormulaNode? _formula;

    private LawChoice(string text, ScalingLaw? registered, FormulaLaw? file, FormulaNode? formula)
    {
        Text = text;
        Registered = registered;
        File = file;
        _formula = formula;
    }

    /// <summary>The text as given.</summary>
    public string Text { get; }

    /// <summary>The registered law, or null.</summary>
    public ScalingLaw? Registered { get; }

    /// <summary>The law file's law, or null.</summary>
    public FormulaLaw? File { get; }

    /// <summary>True for a law file or a formula.</summary>
    public bool IsFormula => Registered is null;

    /// <summary>
    /// Reads <c>--law TEXT</c>: a registered name, a path ending in <c>.toml</c>, or a formula. A formula that does not
    /// parse is a <see cref="FormulaException"/> (its caret under the place); a single word that is not a law is an
    /// unknown law with its near misses.
    /// </summary>
    public static LawChoice Parse(string text)
    {
        var trimmed = text.Trim();
        if (trimmed.Length == 0) throw new ArgumentException("--law is empty: give a law name, a law file (.toml) or a formula such as 'E + A*N^-alpha + B*D^-beta'");
        if (IsRegistered(trimmed)) return new(trimmed, LawRegistry.Get(trimmed), null, null);
        if (trimmed.EndsWith(".toml", StringComparison.OrdinalIgnoreCase)) return FromFile(trimmed);
        // A word that is no law: a misspelt name (kaplan-m), not a formula of one symbol.
        var hint = NameLike().IsMatch(trimmed) ? Formulas.NearMisses.Hint(trimmed, LawRegistry.Names) : null;
        if (NameLike().IsMatch(trimmed) && (!trimmed.Contains('-') || hint is not null))
        {
            throw UnknownLaw(trimmed, hint);
        }
        return new(trimmed, null, null, FormulaParser.Parse(trimmed));
    }

    /// <summary>Reads a law file (<c>--law-file</c>); every problem in it is a <see cref="LawFileException"/>.</summary>
    public static LawChoice FromFile(string path)
    {
        if (!System.IO.File.Exists(path)) throw new ArgumentException($"{InputText.Escape(path)}: law file not found");
        return new(path, null, LawFileReader.Read(path), null);
    }

    /// <summary>The variables the data must hold: the law's, or a formula's N, D, C, U and <c>--var</c> symbols.</summary>
    public IReadOnlyList<ScaleVariable> Required(IEnumerable<ScaleVariable> bound)
    {
        if (Registered is { } law) return law.Variables;
        if (File is { } file) return file.Variables.Select(v => ScaleVariable.Named(v.Symbol)).Distinct().ToArray();
        var boundSymbols = bound.Select(v => v.Symbol).ToHashSet(StringComparer.Ordinal);
        var result = new List<ScaleVariable>();
        foreach (var symbol in Symbols())
        {
            if (!ScaleVariable.IsIdentifier(symbol)) continue;
            var variable = ScaleVariable.Named(symbol);
            if ((variable.IsWellKnown || boundSymbols.Contains(symbol)) && !result.Contains(variable)) result.Add(variable);
        }
        return result;
    }

    /// <summary>
    /// The read options for this law: a law file binds its variables to its columns (unless <c>--var</c> did) and names
    /// the metric (unless <c>--metric</c> did); a formula asks for a column of each other symbol's name, if there is one.
    /// </summary>
    public ReadOptions Adjust(ReadOptions options, bool metricGiven, IReadOnlyCollection<ScaleVariable> bound)
    {
        var mapping = options.Mapping ?? new ColumnMapping();
        if (File is { } file)
        {
            // N, D and C are one triple (C = 6ND derives the third): once the command line names a column of any of
            // them, it describes the data's columns for all three and the file's columns for them step aside.
            bool triple = mapping.Parameters is not null || mapping.Tokens is not null || mapping.Compute is not null;
            foreach (var v in file.Variables)
            {
                var variable = ScaleVariable.Named(v.Symbol);
                bool given = variable == ScaleVariable.UniqueTokens ? mapping.UniqueTokens is not null
                    : variable == ScaleVariable.Parameters || variable == ScaleVariable.Tokens || variable == ScaleVariable.Compute ? triple : false;
                if (!bound.Contains(variable) && !given) mapping = mapping.Bind(variable, v.Column);
            }
            if (!metricGiven && file.Target is { } target) mapping = mapping with { Metric = target.Column };
        }
        else if (_formula is not null)
        {
            var optional = new List<ScaleVariable>(mapping.Optional);
            foreach (var symbol in Symbols())
            {
                if (!ScaleVariable.IsIdentifier(symbol)) continue;
                var variable = ScaleVariable.Named(symbol);
                if (!variable.IsWellKnown && !bound.Contains(variable) && !optional.Contains(variable)) optional.Add(variable);
            }
            mapping = mapping with { Optional = optional };
        }
        return options with { Mapping = mapping };
    }

    /// <summary>
    /// The law to fit on <paramref name="data"/>, with the command line's bounds, fixed values, ties and starts applied to a
    /// formula law (a registered law is returned as it is). Bad settings are <see cref="ArgumentException"/>s naming the
    /// parameter; a parameter without the range the start search needs is told to take <c>--bound NAME=LO:HI</c>.
    /// </summary>
    public ScalingLaw Resolve(ObservationSet? data, LawSettings settings, IReadOnlyList<string>? columns = null)
    {
        if (Registered is { } registered) return registered;
        var law = File ?? FromFormula(data ?? throw new InvalidOperationException("a formula needs the data's columns"));
        law = settings.Apply(law, File is null ? "the formula" : $"law '{law.Name}'", settings.Strict);
        try
        {
            return new FormulaScalingLaw(law, settings.Starts ?? FormulaScalingLaw.DefaultStartCount);
        }
        catch (ArgumentException ex) when (QuotedParameter().Match(ex.Message) is { Success: true } m)
        {
            // A symbol meant as a column but misspelt becomes a parameter: say what it is close to.
            var name = m.Groups[1].Value;
            var near = Formulas.NearMisses.Hint(name, (columns ?? []).Concat(["N", "D", "C", "U"])) ?? RoleHint(name, data);
            throw new ArgumentException(near is null || File is not null ? ex.Message
                : $"{ex.Message} ('{name}' is not a column of the data, so it is taken as a parameter: {near})");
        }
    }

    // N, D, C, U, the --var symbols and the columns the data have by a symbol's name are variables; the rest parameters.
    private FormulaLaw FromFormula(ObservationSet data)
    {
        var variables = new List<string>();
        foreach (var symbol in Symbols())
        {
            if (ScaleVariable.IsIdentifier(symbol) && data.Has(ScaleVariable.Named(symbol))) variables.Add(symbol);
        }
        var program = FormulaProgram.Create(_formula!, Text, [], variables);
        if (program.Variables.Count == 0)
        {
            var hint = NameLike().IsMatch(Text.Replace(" ", "")) ? Formulas.NearMisses.Hint(Text, LawRegistry.Names) : null;
            // A hyphenated word of no variable (kaplan-2019) was meant as a law name, not as a difference of parameters.
            if (NameLike().IsMatch(Text)) throw UnknownLaw(Text, hint);
            throw new ArgumentException($"'{InputText.Show(Text)}' is neither a known law{(hint is null ? "" : $" ({hint})")} nor a formula of any variable: " +
                $"its symbols {string.Join(", ", program.Parameters)} are all parameters. N, D, C and U are variables, so is any symbol bound with --var SYMBOL=COLUMN " +
                "or equal to a column's name");
        }
        var parameters = program.Parameters.Select(p => new FormulaParameter(p)).ToArray();
        var bound = program.Variables.Select(v => new FormulaVariable(v, v)).ToArray();
        return new FormulaLaw(Text, program, bound, parameters, null, "", "", [], [], null);
    }

    // 'tokns' for the tokens column that D reads: the symbol to write is D.
    private static string? RoleHint(string name, ObservationSet? data)
    {
        foreach (var variable in data?.PresentVariables ?? [])
        {
            if (!variable.IsWellKnown) continue;
            var role = ColumnAliases.RoleOf(variable);
            if (Formulas.NearMisses.Find(name, ColumnAliases.Names(role)).Count > 0) return $"did you mean {variable.Symbol}? ('{name}' is close to a name of the {ColumnAliases.Describe(role)} column)";
        }
        return null;
    }

    private static ArgumentException UnknownLaw(string name, string? hint) =>
        new($"unknown law '{InputText.Show(name)}'{(hint is null ? "" : $"; {hint}")} (known: {string.Join(", ", LawRegistry.Names)}; " +
            "or a law file ending in .toml, or a formula such as 'E + A*N^-alpha + B*D^-beta')");

    private static bool IsRegistered(string name)
    {
        foreach (var known in LawRegistry.Names) if (string.Equals(known, name, StringComparison.OrdinalIgnoreCase)) return true;
        return name.StartsWith("bnsl", StringComparison.OrdinalIgnoreCase) && name.Contains(':') && !name.Contains(' ');
    }

    private IReadOnlyList<string> Symbols() => _formula?.Symbols() ?? [];

    // A word (letters, digits, '-', ':', '_'): a law name rather than a formula.
    [GeneratedRegex(@"^[A-Za-z][A-Za-z0-9_:\-]*$")]
    private static partial Regex NameLike();

    [GeneratedRegex(@"^parameter '([^']+)'")]
    private static partial Regex QuotedParameter();
}
