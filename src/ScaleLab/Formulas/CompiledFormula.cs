using ScaleLab.Formulas.Compilation;
using ScaleLab.Laws;

namespace ScaleLab.Formulas;

/// <summary>
/// A law compiled once for fast evaluation with exact derivatives. Compilation lowers the law to a
/// hash-consed graph (shared subexpressions once, constants folded), differentiates it symbolically in
/// reverse mode for every parameter, and plans four evaluations: ŷ, ŷ with ∂ŷ/∂θ, ln ŷ, ln ŷ with
/// ∂ln ŷ/∂θ. Each value is computed as rarely as its dependencies allow: data-only values (such as
/// ln N) once per dataset by <see cref="Bind(IReadOnlyList{double[]}, int?)"/>, parameter-only values once per
/// evaluation, the rest in vectorised passes over blocks of rows. Immutable and thread-safe; no
/// System.Linq.Expressions or emitted code, so it runs under Native AOT.
/// </summary>
public sealed class CompiledFormula
{
    private readonly IrGraph _graph;

    private CompiledFormula(FormulaProgram program, IReadOnlyList<string> parameters, IReadOnlyList<ParameterTransform> transforms,
        IrGraph graph, IReadOnlyList<FormulaKinkSite> sites, EvaluationPlan[] plans, double[] scalarTemplate, int[] parameterSlots,
        int[] dataNodes)
    {
        Program = program;
        Parameters = parameters;
        Transforms = transforms;
        _graph = graph;
        KinkSites = sites;
        Plans = plans;
        ScalarTemplate = scalarTemplate;
        ParameterSlots = parameterSlots;
        DataNodes = dataNodes;
    }

    /// <summary>The law.</summary>
    public FormulaProgram Program { get; }

    /// <summary>The variables, in the order <see cref="Bind(IReadOnlyList{double[]}, int?)"/> takes their columns.</summary>
    public IReadOnlyList<string> Variables => Program.Variables;

    /// <summary>The parameters in the order of θ.</summary>
    public IReadOnlyList<string> Parameters { get; }

    /// <summary>How each θ_j maps to its parameter: identity, or log (the parameter is e^θ_j and derivatives are with respect to θ_j).</summary>
    public IReadOnlyList<ParameterTransform> Transforms { get; }

    /// <summary>The places where the law has a kink in its parameters, indexed as the activity span of an evaluation.</summary>
    public IReadOnlyList<FormulaKinkSite> KinkSites { get; }

    // Plans: [value, value + Jacobian, log value, log value + Jacobian].
    internal EvaluationPlan[] Plans { get; }

    internal double[] ScalarTemplate { get; }

    internal int[] ParameterSlots { get; }

    // Graph ids of the data-only nodes, in data-slot order (their operands come first).
    internal int[] DataNodes { get; }

    internal IrGraph Graph => _graph;

    /// <summary>Compiles <paramref name="program"/>.</summary>
    /// <param name="program">The checked law.</param>
    /// <param name="parameterOrder">The order of θ (a permutation of the law's parameters); the law's order of first use by default.</param>
    /// <param name="transforms">One per parameter in θ order; identity by default.</param>
    public static CompiledFormula Compile(FormulaProgram program, IReadOnlyList<string>? parameterOrder = null, IReadOnlyList<ParameterTransform>? transforms = null)
    {
        var parameters = parameterOrder ?? program.Parameters;
        CheckOrder(program, parameters);
        transforms ??= Enumerable.Repeat(ParameterTransform.Identity, parameters.Count).ToArray();
        if (transforms.Count != parameters.Count)
        {
            throw new ArgumentException($"{transforms.Count} parameter transforms given for {parameters.Count} parameters.", nameof(transforms));
        }
        var g = new IrGraph();
        var (y, allSites) = IrLowering.Lower(g, program, program.Variables, parameters, transforms);
        int p = parameters.Count;
        var jacobian = IrDerivatives.Gradient(g, y, p);
        int logY = g.Unary(IrOp.CleanLog, y);
        var logJacobian = IrDerivatives.Gradient(g, logY, p);
        int[][] outputs = [[y], [y, .. jacobian], [logY], [logY, .. logJacobian]];

        var inValue = EvaluationPlan.Reachable(g, [y]);
        var sites = new List<FormulaKinkSite>();
        var siteOf = new Dictionary<int, FormulaKinkSite>();
        foreach (var (id, site) in allSites.OrderBy(s => s.Value.Index))
        {
            if (!inValue[id]) continue;
            siteOf[id] = site with { Index = sites.Count };
            sites.Add(siteOf[id]);
        }

        var scalarSlots = new Dictionary<int, int>();
        var template = new List<double>();
        var parameterSlots = new int[p];
        var dataSlots = new Dictionary<int, int>();
        var dataNodes = new List<int>();
        var anyPlan = new bool[g.Count];
        foreach (var o in outputs) { var r = EvaluationPlan.Reachable(g, o); for (int i = 0; i < r.Length; i++) anyPlan[i] |= r[i]; }
        for (int id = 0; id < g.Count; id++)
        {
            var cls = g.ClassOf(id);
            if (cls is IrClass.Constant or IrClass.Parameters)
            {
                scalarSlots[id] = template.Count;
                template.Add(g[id].Op == IrOp.Constant ? g[id].Value : 0);
                if (g[id].Op == IrOp.Parameter) parameterSlots[g[id].Index] = scalarSlots[id];
            }
            else if (cls == IrClass.Data && anyPlan[id])
            {
                dataSlots[id] = dataNodes.Count;
                dataNodes.Add(id);
            }
        }
        var plans = Array.ConvertAll(outputs, o => EvaluationPlan.Build(g, o, scalarSlots, dataSlots, siteOf));
        return new CompiledFormula(program, parameters.ToArray(), transforms.ToArray(), g, sites, plans, [.. template], parameterSlots, [.. dataNodes]);
    }

    /// <summary>
    /// Binds the law to a dataset: one column per variable in <see cref="Variables"/> order, all of the
    /// same length. Data-only values are computed here, once.
    /// </summary>
    /// <param name="columns">The variables' values, one array per variable.</param>
    /// <param name="rowCount">Rows, needed only for a law without variables (else the columns' length).</param>
    public FormulaEvaluator Bind(IReadOnlyList<double[]> columns, int? rowCount = null)
    {
        if (columns.Count != Variables.Count)
        {
            throw new ArgumentException($"the law has {Variables.Count} variables ({string.Join(", ", Variables)}) but {columns.Count} columns were given.", nameof(columns));
        }
        int n = columns.Count == 0 ? rowCount ?? 0 : columns[0].Length;
        if (rowCount is { } expected && expected != n) throw new ArgumentException($"{n} rows in the columns, {expected} expected.", nameof(rowCount));
        for (int k = 1; k < columns.Count; k++)
        {
            if (columns[k].Length != n) throw new ArgumentException($"column for '{Variables[k]}' has {columns[k].Length} rows, '{Variables[0]}' has {n}.", nameof(columns));
        }
        var data = new double[DataNodes.Length][];
        var slotOf = new Dictionary<int, int>();
        for (int s = 0; s < DataNodes.Length; s++) slotOf[DataNodes[s]] = s;
        for (int s = 0; s < DataNodes.Length; s++)
        {
            var node = _graph[DataNodes[s]];
            if (node.Op == IrOp.Variable) { data[s] = columns[node.Index]; continue; }
            var operands = node.Operands();
            var values = new double[n];
            var scratch = new double[operands.Length];
            for (int i = 0; i < n; i++)
            {
                for (int k = 0; k < operands.Length; k++) scratch[k] = _graph[operands[k]].Class == IrClass.Constant ? _graph[operands[k]].Value : data[slotOf[operands[k]]][i];
                values[i] = IrScalar.Evaluate(node, scratch);
            }
            data[s] = values;
        }
        return new FormulaEvaluator(this, n, data);
    }

    /// <summary>Binds the law to named columns (every variable must be present; extra columns are ignored).</summary>
    public FormulaEvaluator Bind(IReadOnlyDictionary<string, double[]> columns)
    {
        var ordered = new double[Variables.Count][];
        for (int k = 0; k < ordered.Length; k++)
        {
            if (!columns.TryGetValue(Variables[k], out var column))
            {
                throw new ArgumentException($"no column for variable '{Variables[k]}' (given: {string.Join(", ", columns.Keys)}).", nameof(columns));
            }
            ordered[k] = column;
        }
        return Bind(ordered, columns.Count > 0 ? columns.Values.First().Length : 0);
    }

    private static void CheckOrder(FormulaProgram program, IReadOnlyList<string> order)
    {
        var missing = program.Parameters.Where(name => !order.Contains(name)).ToArray();
        var extra = order.Where(name => program.Classify(name) != FormulaSymbolKind.Parameter).ToArray();
        if (missing.Length > 0 || extra.Length > 0 || order.Distinct().Count() != order.Count)
        {
            throw new ArgumentException($"the parameter order ({string.Join(", ", order)}) must list each parameter of the law once " +
                $"({string.Join(", ", program.Parameters)})" + (extra.Length > 0 ? $"; not parameters: {string.Join(", ", extra)}" : ""), nameof(order));
        }
    }
}
