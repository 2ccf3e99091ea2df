using ScaleLab.Formulas;

namespace ScaleLab.Cli.Commands;

/// <summary>
/// What the command line says about a formula law's parameters: <c>--bound NAME=LO:HI</c> (replacing a law file's
/// bounds), <c>--fix NAME=VALUE</c>, <c>--tie A=B</c> and <c>--starts K</c> (space-filling starts). A registered law
/// takes the same options through its fit options instead.
/// </summary>
internal sealed record LawSettings
{
    public IReadOnlyDictionary<string, (double Lower, double Upper)> Bounds { get; init; } = new Dictionary<string, (double, double)>();

    public IReadOnlyDictionary<string, double> Fixed { get; init; } = new Dictionary<string, double>();

    public IReadOnlyList<IReadOnlyList<string>> Ties { get; init; } = [];

    /// <summary>Space-filling starts of a formula law (null: the default).</summary>
    public int? Starts { get; init; }

    /// <summary>True when a name that is not a parameter of the law is an error (one law fitted); false when several laws share the options.</summary>
    public bool Strict { get; init; } = true;

    /// <summary>The law with these settings; <paramref name="subject"/> names it in errors.</summary>
    public FormulaLaw Apply(FormulaLaw law, string subject, bool strict)
    {
        var names = law.Parameters.Select(p => p.Name).ToArray();
        bool Known(string name, string option)
        {
            if (names.Contains(name)) return true;
            if (!strict) return false;
            var what = law.Program.Classify(name) == FormulaSymbolKind.Variable ? $"; '{name}' is a variable (a column) of it" : "";
            var hint = NearMisses.Hint(name, names);
            throw new ArgumentException($"{option} {name}: {subject} has no parameter '{name}'{what}{(hint is null ? "" : $"; {hint}")} (parameters: {string.Join(", ", names)})");
        }
        var parameters = law.Parameters.ToArray();
        int IndexOf(string name) => Array.FindIndex(parameters, p => p.Name == name);
        foreach (var (name, (lo, hi)) in Bounds)
        {
            if (!Known(name, "--bound")) continue;
            if (!(lo < hi)) throw new ArgumentException($"--bound {name}: the lower bound must be below the upper one");
            var p = parameters[IndexOf(name)];
            bool startInside = p.StartLower is { } sl && p.StartUpper is { } su && sl >= lo && su <= hi;
            parameters[IndexOf(name)] = p with
            {
                Lower = lo, Upper = hi,
                StartLower = startInside ? p.StartLower : null, StartUpper = startInside ? p.StartUpper : null,
            };
        }
        foreach (var (name, value) in Fixed)
        {
            if (!Known(name, "--fix")) continue;
            var p = parameters[IndexOf(name)];
            if (!(value >= p.Lower && value <= p.Upper))
            {
                throw new ArgumentException($"--fix {name}={FormulaPrinter.Number(value)}: outside its bounds [{FormulaPrinter.Number(p.Lower)}, {FormulaPrinter.Number(p.Upper)}]");
            }
            parameters[IndexOf(name)] = p with { Fixed = value };
        }
        foreach (var tie in Ties)
        {
            var members = tie.Where(n => Known(n, "--tie")).Select(IndexOf).ToArray();
            // A tied parameter takes its start from its partner: one range is enough for the group.
            var ranged = members.Where(j => double.IsFinite(parameters[j].StartRange.Lower) && double.IsFinite(parameters[j].StartRange.Upper)).ToArray();
            if (ranged.Length == 0) continue;
            var (lo, hi) = parameters[ranged[0]].StartRange;
            foreach (var j in members)
            {
                var (l, h) = parameters[j].StartRange;
                if (!(double.IsFinite(l) && double.IsFinite(h))) parameters[j] = parameters[j] with { StartLower = lo, StartUpper = hi };
            }
        }
        return law with { Parameters = parameters };
    }
}
