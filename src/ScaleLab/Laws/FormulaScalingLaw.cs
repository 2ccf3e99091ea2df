using System.Runtime.CompilerServices;
using ScaleLab.Data;
using ScaleLab.Diagnostics;
using ScaleLab.Fitting;
using ScaleLab.Formulas;
using ScaleLab.Formulas.Starts;
using ScaleLab.Quantities;

namespace ScaleLab.Laws;

/// <summary>
/// A law the user wrote (a formula on the command line or a law file; docs/formulas.md), as a <see cref="ScalingLaw"/>
/// that every command can fit, analyse, save, predict with, compare, plot and plan with.
/// Formula: the law's formula after its definitions, compiled once (<see cref="CompiledFormula"/>) with exact
/// derivatives. Variables: named <see cref="ScaleVariable"/>s (N, D, C, U keep their roles), each read from the
/// column the law binds it to. Parameterisation: a parameter with <c>log = true</c> is fitted as θ = ln p (p = e^θ),
/// every other one as itself; bounds and fixed values are the law's. Loss: the law's target space and loss (Huber
/// δ = 1e-3 on log residuals by default); ŷ is computed directly for linear-space objectives
/// (<see cref="EvaluatesLinearly"/>), so a law whose ŷ is not positive still fits there.
/// Starts: the law's named starts, then <see cref="StartCount"/> points of a seeded Sobol design over the start
/// ranges (in log space where the law says so, or the range is positive and spans more than two decades), each
/// coefficient without a range solved by least squares, starts stalled on a binding kink moved
/// (<see cref="FormulaStarts"/>). Paper: the citation of the law file.
/// </summary>
public sealed class FormulaScalingLaw : ScalingLaw
{
    /// <summary>Space-filling starts when the caller does not say how many.</summary>
    public const int DefaultStartCount = 256;

    private readonly CompiledFormula _compiled;
    private readonly LawParameter[] _parameters;
    private readonly ScaleVariable[] _variables;
    private readonly ConditionalWeakTable<ScalingData, Binding> _bindings = [];

    /// <summary>
    /// The law of <paramref name="definition"/> with <paramref name="startCount"/> space-filling starts; throws
    /// <see cref="ArgumentException"/> when a free parameter has no range the start search can use (with no
    /// space-filling starts, as for a law read back from a fit document, none is needed).
    /// </summary>
    public FormulaScalingLaw(FormulaLaw definition, int startCount = DefaultStartCount, int startSeed = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(startCount);
        Definition = definition;
        StartCount = startCount;
        StartSeed = startSeed;
        _compiled = definition.Compile();
        _variables = new ScaleVariable[_compiled.Variables.Count];
        for (int k = 0; k < _variables.Length; k++) _variables[k] = ScaleVariable.Named(_compiled.Variables[k]);
        _parameters = new LawParameter[definition.Parameters.Count];
        for (int j = 0; j < _parameters.Length; j++)
        {
            var p = definition.Parameters[j];
            _parameters[j] = new LawParameter(p.Name, p.Transform, p.Description.Length > 0 ? p.Description : "parameter of the formula")
            {
                Lower = p.Lower, Upper = p.Upper, Fixed = p.Fixed,
            };
        }
        if (startCount > 0) CheckStartRanges();
    }

    /// <summary>The law as written: formula, definitions, variables and their columns, parameters, target, citation.</summary>
    public FormulaLaw Definition { get; }

    /// <summary>Space-filling starts of <see cref="DefaultStarts"/> (besides the named ones).</summary>
    public int StartCount { get; }

    /// <summary>Chooses the shift of the Sobol design.</summary>
    public int StartSeed { get; }

    /// <summary>The compiled law (its kink sites, variables and parameter order).</summary>
    public CompiledFormula Compiled => _compiled;

    /// <inheritdoc />
    public override string Name => Definition.Name;

    /// <inheritdoc />
    public override string Formula
    {
        get
        {
            var program = Definition.Program;
            if (program.Definitions.Count == 0) return program.FormulaText;
            return program.FormulaText + " where " + string.Join("; ", program.Definitions.Select(d => d.Text.Trim()));
        }
    }

    /// <inheritdoc />
    public override string Reference => Definition.Citation.Length > 0 ? Definition.Citation : "formula law";

    /// <inheritdoc />
    public override IReadOnlyList<LawParameter> Parameters => _parameters;

    /// <inheritdoc />
    public override IReadOnlyList<ScaleVariable> Variables => _variables;

    /// <inheritdoc />
    public override bool EvaluatesLinearly => true;

    /// <summary>The objective the law's target asks for (Huber δ = 1e-3 on log residuals when it says nothing).</summary>
    public FitObjective TargetObjective => Definition.Target?.Objective ?? FitObjective.Default;

    /// <inheritdoc />
    /// <remarks>The law file's target (<see cref="TargetObjective"/>).</remarks>
    public override FitObjective DefaultObjective => TargetObjective;

    /// <summary>A copy with other starts: <paramref name="startCount"/> space-filling points from seed <paramref name="startSeed"/>.</summary>
    public FormulaScalingLaw WithStarts(int startCount, int startSeed = 0) => new(Definition, startCount, startSeed);

    /// <inheritdoc />
    public override void EvaluateLog(ReadOnlySpan<double> theta, ScalingData data, Span<double> logPrediction, Span<double> jacobian) =>
        Bind(data).Evaluator.EvaluateLog(theta, logPrediction, jacobian);

    /// <inheritdoc />
    public override void Evaluate(ReadOnlySpan<double> theta, ScalingData data, Span<double> prediction, Span<double> jacobian) =>
        Bind(data).Evaluator.Evaluate(theta, prediction, jacobian);

    /// <inheritdoc />
    /// <remarks>Deterministic: the same design for the same data, whatever the thread count.</remarks>
    public override IReadOnlyList<double[]> DefaultStarts(ScalingData data)
    {
        var binding = Bind(data);
        var (starts, moved, site) = FormulaStarts.Generate(Definition, _compiled, binding.Evaluator, data.Y, StartCount, StartSeed);
        binding.Moved = (moved, site);
        return starts;
    }

    /// <inheritdoc />
    /// <remarks>
    /// Says when the optimum sits on a kink of min, max, clamp or abs (a row at the kink, or within 10⁻⁶ of it:
    /// the objective is not differentiable there, so curvature-based intervals are approximate), when a kink site binds
    /// on every row at the optimum (the parameters inside it do nothing), and how many starts were moved off such a site.
    /// </remarks>
    public override IReadOnlyList<Diagnostic> Remarks(ReadOnlySpan<double> theta, ScalingData data)
    {
        var binding = Bind(data);
        var result = new List<Diagnostic>();
        if (binding.Moved is ({ } moved and > 0, { } movedSite))
        {
            result.Add(Diagnostic.Info("starts-moved",
                $"{moved} start(s) sat where {movedSite} holds the same branch on every row and a parameter had no slope at all; each was moved to the next point of the design"));
        }
        var sites = _compiled.KinkSites;
        if (sites.Count == 0 || data.Count == 0) return result;
        var kinks = new FormulaKinkActivity[sites.Count];
        binding.Evaluator.Evaluate(theta, new double[data.Count], Span<double>.Empty, kinks);
        for (int k = 0; k < sites.Count; k++)
        {
            var where = sites[k].Subject == "formula" ? "the formula" : sites[k].Subject;
            if (kinks[k].TieRows > 0 || kinks[k].NearestGap <= KinkTolerance)
            {
                string rows = kinks[k].TieRows > 0 ? $"{kinks[k].TieRows} row(s) exactly at it" : $"a row within {Quantity.Format(kinks[k].NearestGap, 2)} (relative) of it";
                result.Add(Diagnostic.Warning("optimum-on-kink",
                    $"the optimum sits on the kink of {sites[k].Text} in {where} ({rows}): the objective has no derivative there, so intervals from its curvature (profile, identifiability) are approximate"));
            }
            else if (kinks[k].BindingRows == data.Count)
            {
                result.Add(Diagnostic.Info("kink-inactive",
                    $"{sites[k].Text} in {where} takes the same parameter-free branch on every row at the optimum: the parameters inside it do not change the fit"));
            }
        }
        return result;
    }

    /// <summary>Relative distance from a kink within which an optimum counts as on it.</summary>
    public const double KinkTolerance = 1e-6;

    /// <summary>The law file's derived quantities at published parameter values, in the file's order (NaN where one cannot be computed).</summary>
    public IReadOnlyDictionary<string, double> DerivedValues(IReadOnlyDictionary<string, double> parameters)
    {
        var scope = new Dictionary<string, double>(parameters, StringComparer.Ordinal);
        var result = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var d in Definition.Derived)
        {
            double value;
            try { value = FormulaInterpreter.Evaluate(d.Expression, scope); }
            catch (KeyNotFoundException) { value = double.NaN; }
            scope[d.Name] = value;
            result[d.Name] = value;
        }
        return result;
    }

    /// <summary>
    /// Tokens D with cost(N, D) = <paramref name="compute"/> for the law's cost formula (increasing in D), found by
    /// bisection in ln D; C/(6N) when the law gives no cost.
    /// </summary>
    public double TokensFor(double parameters, double compute)
    {
        if (Definition.Cost is not { } cost) return compute / (ComputeConvention.FlopsPerParameterToken * parameters);
        var scope = new Dictionary<string, double>(2, StringComparer.Ordinal) { ["N"] = parameters };
        double Cost(double lnD)
        {
            scope["D"] = Math.Exp(lnD);
            return FormulaInterpreter.Evaluate(cost, scope);
        }
        double guess = Math.Log(compute / (ComputeConvention.FlopsPerParameterToken * parameters));
        double lo = guess - 1, hi = guess + 1;
        for (int i = 0; i < 60 && Cost(lo) > compute; i++) lo -= 2;
        for (int i = 0; i < 60 && Cost(hi) < compute; i++) hi += 2;
        if (!(Cost(lo) <= compute && Cost(hi) >= compute)) return double.NaN;
        for (int i = 0; i < 200 && hi - lo > 1e-14 * Math.Max(1, Math.Abs(hi)); i++)
        {
            double mid = 0.5 * (lo + hi);
            if (Cost(mid) < compute) lo = mid; else hi = mid;
        }
        return Math.Exp(0.5 * (lo + hi));
    }

    private Binding Bind(ScalingData data) => _bindings.GetValue(data, d =>
    {
        var columns = new double[_variables.Length][];
        for (int k = 0; k < columns.Length; k++) columns[k] = d.Values(_variables[k]).ToArray();
        return new Binding(_compiled.Bind(columns, d.Count));
    });

    // The start search needs a finite range for every free parameter it draws (StartDesign says which and how to give one).
    private void CheckStartRanges() => FormulaStarts.Generate(Definition, _compiled, _compiled.Bind(EmptyColumns(), 0), [], 0, StartSeed);

    private double[][] EmptyColumns()
    {
        var columns = new double[_variables.Length][];
        for (int k = 0; k < columns.Length; k++) columns[k] = [];
        return columns;
    }

    private sealed class Binding(FormulaEvaluator evaluator)
    {
        public FormulaEvaluator Evaluator { get; } = evaluator;

        public (int Count, string? Site)? Moved { get; set; }
    }
}
