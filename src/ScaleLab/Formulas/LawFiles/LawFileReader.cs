using ScaleLab.Fitting;

namespace ScaleLab.Formulas.LawFiles;

/// <summary>
/// Reads a law file (TOML; the format is in docs/formulas.md) into a <see cref="FormulaLaw"/>. Every
/// problem in the file is reported at once, each with its line and column: unknown keys (with near
/// misses), wrong types, bounds that contradict each other, formula and definition errors placed
/// inside their strings, names that are not parameters, unused variables.
/// </summary>
public static class LawFileReader
{
    private static readonly string[] RootKeys = ["name", "citation", "description", "formula", "definitions", "variables", "parameters", "target", "starts", "derived", "cost"];
    private static readonly string[] VariableKeys = ["column", "description", "unit"];
    private static readonly string[] ParameterKeys = ["lower", "upper", "start", "log", "fixed", "description", "unit"];
    private static readonly string[] TargetKeys = ["column", "space", "loss", "delta"];

    /// <summary>Reads the law file at <paramref name="path"/>.</summary>
    /// <exception cref="LawFileException">Every problem found.</exception>
    public static FormulaLaw Read(string path) => Parse(File.ReadAllText(path), path);

    /// <summary>Reads a law from TOML text; <paramref name="file"/> names it in errors.</summary>
    /// <exception cref="LawFileException">Every problem found.</exception>
    public static FormulaLaw Parse(string text, string file)
    {
        var errors = new List<LawFileError>();
        var root = TomlTreeBuilder.Build(text, file, errors);
        if (root is null) throw new LawFileException(errors);
        var ctx = new LawFileContext(file, errors);
        ctx.CheckKeys(root, RootKeys, "a law file");

        var name = ctx.RequiredString(root, "name")?.Text;
        var formula = ctx.RequiredString(root, "formula");
        var citation = ctx.OptionalString(root, "citation") ?? "";
        var description = ctx.OptionalString(root, "description") ?? "";
        var definitions = new List<TomlValue>();
        if (root.Get("definitions") is { } defs && ctx.Expect(defs, TomlValueKind.Array, "definitions", "an array of \"NAME = EXPRESSION\" strings"))
        {
            foreach (var item in defs.Items) if (ctx.Expect(item, TomlValueKind.String, "a definition", "text \"NAME = EXPRESSION\"")) definitions.Add(item);
        }
        var variables = ReadVariables(ctx, root);
        var program = formula is null ? null : BuildProgram(ctx, formula, definitions, variables);
        var parameters = ReadParameters(ctx, root, program);
        var target = ReadTarget(ctx, root);
        var starts = ReadStarts(ctx, root, program);
        var derived = ReadDerived(ctx, root, program);
        var cost = ReadCost(ctx, root, variables.Select(v => v.Variable.Symbol).ToArray());
        if (program is not null)
        {
            foreach (var (variable, value) in variables)
            {
                if (program.Classify(variable.Symbol) != FormulaSymbolKind.Variable) ctx.Error(value, $"variable '{variable.Symbol}' is not used by the formula or its definitions");
            }
        }
        if (errors.Count > 0 || program is null || name is null) throw new LawFileException([.. errors.OrderBy(e => e.Line).ThenBy(e => e.Column)]);

        var ordered = new List<FormulaParameter>(parameters.Where(p => program.Classify(p.Name) == FormulaSymbolKind.Parameter));
        foreach (var p in program.Parameters) if (!ordered.Any(q => q.Name == p)) ordered.Add(new FormulaParameter(p));
        return new FormulaLaw(name, program, [.. variables.Select(v => v.Variable)], ordered, target, citation, description, starts, derived, file)
        {
            Cost = cost, CostText = cost is null ? null : root.Get("cost")!.Text,
        };
    }

    private static List<(FormulaVariable Variable, TomlValue Value)> ReadVariables(LawFileContext ctx, TomlValue root)
    {
        var result = new List<(FormulaVariable, TomlValue)>();
        var table = root.Get("variables");
        if (table is null) { ctx.Error(root, "missing [variables]: each variable of the formula needs its column, e.g. N = \"params\""); return result; }
        if (!ctx.Expect(table, TomlValueKind.Table, "variables", "a table of SYMBOL = \"column\" or SYMBOL = { column = ... }")) return result;
        foreach (var (symbol, line, column, value) in table.Entries)
        {
            if (value.Kind == TomlValueKind.String) { result.Add((new FormulaVariable(symbol, value.Text), value)); continue; }
            if (!ctx.Expect(value, TomlValueKind.Table, $"variable '{symbol}'", "a column name or { column = ..., description = ..., unit = ... }")) continue;
            ctx.CheckKeys(value, VariableKeys, $"variable '{symbol}'");
            var col = ctx.RequiredString(value, "column", $"variable '{symbol}'");
            if (col is not null) result.Add((new FormulaVariable(symbol, col.Text, ctx.OptionalString(value, "description") ?? "", ctx.OptionalString(value, "unit") ?? ""), value));
        }
        return result;
    }

    private static FormulaProgram? BuildProgram(LawFileContext ctx, TomlValue formula, List<TomlValue> definitions, List<(FormulaVariable Variable, TomlValue Value)> variables)
    {
        var parsed = new List<FormulaDefinition>();
        bool ok = true;
        for (int k = 0; k < definitions.Count; k++)
        {
            try { parsed.Add(FormulaProgram.ParseDefinition(definitions[k].Text, k)); }
            catch (FormulaException ex) { ctx.FormulaError(definitions[k], ex); ok = false; }
        }
        FormulaNode? node = null;
        try { node = FormulaParser.Parse(formula.Text); }
        catch (FormulaException ex) { ctx.FormulaError(formula, ex); ok = false; }
        if (!ok || node is null) return null;
        try
        {
            return FormulaProgram.Create(node, formula.Text, parsed, variables.Select(v => v.Variable.Symbol));
        }
        catch (FormulaException ex)
        {
            var where = ex.Formula == formula.Text ? formula : definitions.FirstOrDefault(d => d.Text == ex.Formula) ?? formula;
            ctx.FormulaError(where, ex);
            return null;
        }
    }

    private static List<FormulaParameter> ReadParameters(LawFileContext ctx, TomlValue root, FormulaProgram? program)
    {
        var result = new List<FormulaParameter>();
        if (root.Get("parameters") is not { } table || !ctx.Expect(table, TomlValueKind.Table, "parameters", "a table of NAME = { lower = ..., upper = ... }")) return result;
        foreach (var (name, line, column, value) in table.Entries)
        {
            var subject = $"parameter '{name}'";
            if (program is not null) ctx.CheckParameterName(program, name, line, column, subject);
            if (!ctx.Expect(value, TomlValueKind.Table, subject, "a table such as { lower = 0, upper = 2 }")) continue;
            ctx.CheckKeys(value, ParameterKeys, subject);
            double lower = ctx.OptionalNumber(value, "lower") ?? double.NegativeInfinity;
            double upper = ctx.OptionalNumber(value, "upper") ?? double.PositiveInfinity;
            var start = ctx.OptionalRange(value, "start", subject);
            var log = ctx.OptionalBoolean(value, "log");
            var fixedValue = ctx.OptionalNumber(value, "fixed");
            if (!(lower <= upper)) ctx.Error(value.Get("lower") ?? value, $"{subject}: lower bound {Show(lower)} is above upper bound {Show(upper)}");
            if (start is { } s && !(s.Lower >= lower && s.Upper <= upper))
            {
                ctx.Error(value.Get("start")!, $"{subject}: start range [{Show(s.Lower)}, {Show(s.Upper)}] is outside the bounds [{Show(lower)}, {Show(upper)}]");
            }
            if (fixedValue is { } f && !(f >= lower && f <= upper)) ctx.Error(value.Get("fixed")!, $"{subject}: fixed value {Show(f)} is outside the bounds [{Show(lower)}, {Show(upper)}]");
            if (log == true && lower < 0) ctx.Error(value.Get("log")!, $"{subject}: a log-space parameter must be positive, but its lower bound is {Show(lower)}");
            result.Add(new FormulaParameter(name)
            {
                Lower = lower, Upper = upper, StartLower = start?.Lower, StartUpper = start?.Upper, Log = log, Fixed = fixedValue,
                Description = ctx.OptionalString(value, "description") ?? "", Unit = ctx.OptionalString(value, "unit") ?? "",
            });
        }
        return result;
    }

    private static FormulaTarget? ReadTarget(LawFileContext ctx, TomlValue root)
    {
        if (root.Get("target") is not { } table || !ctx.Expect(table, TomlValueKind.Table, "target", "a table { column = \"loss\", space = \"log\" }")) return null;
        ctx.CheckKeys(table, TargetKeys, "target");
        var column = ctx.RequiredString(table, "column", "target");
        var space = ResidualSpace.Log;
        if (table.Get("space") is { } s && ctx.Expect(s, TomlValueKind.String, "target space", "\"log\", \"linear\" or \"log1p\""))
        {
            if (s.Text is "log" or "linear" or "log1p") space = s.Text == "log" ? ResidualSpace.Log : s.Text == "linear" ? ResidualSpace.Linear : ResidualSpace.Log1p;
            else ctx.Error(s, $"target space '{s.Text}' is not one of log, linear, log1p" + (NearMisses.Hint(s.Text, ["log", "linear", "log1p"]) is { } h ? $"; {h}" : ""));
        }
        var loss = LossKind.Huber;
        if (table.Get("loss") is { } l && ctx.Expect(l, TomlValueKind.String, "target loss", "\"huber\", \"squared\" or \"asymmetric\""))
        {
            if (l.Text is "huber" or "squared" or "asymmetric") loss = l.Text == "huber" ? LossKind.Huber : l.Text == "squared" ? LossKind.Squared : LossKind.AsymmetricAbsolute;
            else ctx.Error(l, $"target loss '{l.Text}' is not one of huber, squared, asymmetric" + (NearMisses.Hint(l.Text, ["huber", "squared", "asymmetric"]) is { } h ? $"; {h}" : ""));
        }
        var delta = ctx.OptionalNumber(table, "delta");
        if (delta is { } d && !(d > 0 && double.IsFinite(d))) ctx.Error(table.Get("delta")!, $"target delta {Show(d)} is not a positive number");
        return column is null ? null : new FormulaTarget(column.Text, space) { Loss = loss, Delta = delta };
    }

    // The cost C(N, D) a plan holds fixed: an expression in the variables N and D only.
    private static FormulaNode? ReadCost(LawFileContext ctx, TomlValue root, IReadOnlyList<string> variables)
    {
        if (root.Get("cost") is not { } value || !ctx.Expect(value, TomlValueKind.String, "cost", "an expression in N and D in quotes, e.g. \"6*N*D\"")) return null;
        FormulaNode node;
        try { node = FormulaParser.Parse(value.Text, "cost"); }
        catch (FormulaException ex) { ctx.FormulaError(value, ex); return null; }
        foreach (var symbol in node.Symbols())
        {
            if (symbol is "N" or "D" && variables.Contains(symbol)) continue;
            ctx.FormulaError(value, new FormulaException(value.Text, FindSymbol(node, symbol), $"'{symbol}' is not the variable N or D of the law",
                "the cost is the training FLOPs as a function of the law's parameters N and tokens D", "cost", symbol.Length));
            return null;
        }
        return node;
    }

    private static List<NamedStart> ReadStarts(LawFileContext ctx, TomlValue root, FormulaProgram? program)
    {
        var result = new List<NamedStart>();
        if (root.Get("starts") is not { } table || !ctx.Expect(table, TomlValueKind.Table, "starts", "a table of NAME = { parameter = value, ... }")) return result;
        foreach (var (name, _, _, value) in table.Entries)
        {
            if (!ctx.Expect(value, TomlValueKind.Table, $"start '{name}'", "a table { parameter = value, ... }")) continue;
            var values = new Dictionary<string, double>(StringComparer.Ordinal);
            foreach (var (parameter, line, column, v) in value.Entries)
            {
                if (program is not null) ctx.CheckParameterName(program, parameter, line, column, $"start '{name}'");
                if (ctx.Expect(v, TomlValueKind.Number, $"start '{name}', parameter '{parameter}'", "a number")) values[parameter] = v.Number;
            }
            result.Add(new NamedStart(name, values));
        }
        return result;
    }

    private static List<FormulaDerived> ReadDerived(LawFileContext ctx, TomlValue root, FormulaProgram? program)
    {
        var result = new List<FormulaDerived>();
        if (root.Get("derived") is not { } table || !ctx.Expect(table, TomlValueKind.Table, "derived", "a table of NAME = \"expression in the parameters\"")) return result;
        foreach (var (name, _, _, value) in table.Entries)
        {
            if (!ctx.Expect(value, TomlValueKind.String, $"derived quantity '{name}'", "an expression in quotes")) continue;
            FormulaNode node;
            try { node = FormulaParser.Parse(value.Text, $"derived '{name}'"); }
            catch (FormulaException ex) { ctx.FormulaError(value, ex); continue; }
            if (program is not null)
            {
                foreach (var symbol in node.Symbols())
                {
                    if (program.Classify(symbol) == FormulaSymbolKind.Parameter || result.Any(d => d.Name == symbol)) continue;
                    var position = FindSymbol(node, symbol);
                    ctx.FormulaError(value, new FormulaException(value.Text, position, $"'{symbol}' is not a parameter of the law",
                        "derived quantities are expressions in the fitted parameters and earlier derived quantities", $"derived '{name}'", symbol.Length));
                }
            }
            result.Add(new FormulaDerived(name, node, value.Text));
        }
        return result;
    }

    private static int FindSymbol(FormulaNode node, string symbol)
    {
        if (node.Kind == FormulaNodeKind.Symbol && node.Name == symbol) return node.Position;
        foreach (var a in node.Arguments) { int p = FindSymbol(a, symbol); if (p >= 0) return p; }
        return -1;
    }

    private static string Show(double value) => FormulaPrinter.Number(value);
}
