using ScaleLab.Formulas.Compilation;

namespace ScaleLab.Formulas;

/// <summary>
/// A compiled law bound to one dataset. Each evaluation takes θ and writes, for every row, the
/// prediction (or its natural log) and optionally the exact Jacobian in the layout the fitter uses,
/// <c>jacobian[j * n + i]</c> = ∂ŷ_i/∂θ_j. Allocation-free after the first call on a thread (the
/// workspace is per thread), so one evaluator can serve parallel starts.
/// </summary>
public sealed class FormulaEvaluator
{
    /// <summary>Rows per vector pass: small enough that a block's buffers stay in the first-level cache.</summary>
    internal const int BlockSize = 256;

    private readonly double[][] _data;

    [ThreadStatic]
    private static double[]? _work;

    [ThreadStatic]
    private static double[]? _scalars;

    private readonly bool[] _positive;

    internal FormulaEvaluator(CompiledFormula formula, int count, double[][] data)
    {
        Formula = formula;
        Count = count;
        _data = data;
        _positive = Array.ConvertAll(data, column => Array.TrueForAll(column, v => v > 0));
    }

    /// <summary>The compiled law.</summary>
    public CompiledFormula Formula { get; }

    /// <summary>Number of rows.</summary>
    public int Count { get; }

    /// <summary>
    /// ŷ_i for every row into <paramref name="prediction"/> and, unless <paramref name="jacobian"/> is
    /// empty, ∂ŷ_i/∂θ_j into <c>jacobian[j * n + i]</c>. Unless <paramref name="kinks"/> is empty (else one
    /// entry per <see cref="CompiledFormula.KinkSites"/>), reports how each kink site behaved.
    /// Non-finite values are written as they come; nothing throws for them.
    /// </summary>
    public void Evaluate(ReadOnlySpan<double> theta, Span<double> prediction, Span<double> jacobian, Span<FormulaKinkActivity> kinks = default) =>
        Run(jacobian.IsEmpty ? 0 : 1, theta, prediction, jacobian, kinks);

    /// <summary>
    /// As <see cref="Evaluate"/> for ln ŷ and ∂ln ŷ/∂θ (the space the built-in laws and log-space
    /// objectives work in). Rows where ŷ ≤ 0 or ŷ is NaN get NaN for ln ŷ and for their Jacobian entries.
    /// </summary>
    public void EvaluateLog(ReadOnlySpan<double> theta, Span<double> logPrediction, Span<double> jacobian, Span<FormulaKinkActivity> kinks = default) =>
        Run(jacobian.IsEmpty ? 2 : 3, theta, logPrediction, jacobian, kinks);

    private void Run(int which, ReadOnlySpan<double> theta, Span<double> primary, Span<double> jacobian, Span<FormulaKinkActivity> kinks)
    {
        int n = Count, p = Formula.Parameters.Count;
        if (theta.Length != p) throw new ArgumentException($"θ has {theta.Length} values; the law has {p} parameters ({string.Join(", ", Formula.Parameters)}).", nameof(theta));
        if (primary.Length != n) throw new ArgumentException($"the output has {primary.Length} rows; the dataset has {n}.", nameof(primary));
        if (!jacobian.IsEmpty && jacobian.Length != p * n) throw new ArgumentException($"the Jacobian needs {p * n} values (parameters × rows), not {jacobian.Length}.", nameof(jacobian));
        if (!kinks.IsEmpty && kinks.Length != Formula.KinkSites.Count) throw new ArgumentException($"the kink span needs {Formula.KinkSites.Count} entries, not {kinks.Length}.", nameof(kinks));
        foreach (ref var k in kinks) k.Reset();

        var plan = Formula.Plans[which];
        var template = Formula.ScalarTemplate;
        var scalars = _scalars is { } sc && sc.Length >= template.Length ? sc : _scalars = new double[template.Length];
        template.CopyTo(scalars, 0);
        for (int j = 0; j < p; j++) scalars[Formula.ParameterSlots[j]] = theta[j];
        Span<double> values = stackalloc double[16];
        foreach (var step in plan.Scalars)
        {
            var x = step.Operands.Length <= values.Length ? values[..step.Operands.Length] : new double[step.Operands.Length];
            for (int k = 0; k < x.Length; k++) x[k] = scalars[step.Operands[k]];
            scalars[step.Destination] = IrScalar.Evaluate(step.Node, x);
            if (step.Site >= 0 && !kinks.IsEmpty && n > 0) RowKernels.Accumulate(step.Node.Op, x, step.ParameterFreeMask, n, ref kinks[step.Site]);
        }

        int workLength = (plan.WorkSlots + plan.GatherSlots) * BlockSize;
        var work = _work is { } w && w.Length >= workLength ? w : _work = new double[Math.Max(workLength, 1)];
        for (int start = 0; start < n; start += BlockSize)
        {
            int m = Math.Min(BlockSize, n - start);
            var steps = plan.Rows;
            for (int t = 0; t < steps.Length; t++) RunStep(in steps[t], start, m, work, scalars, plan, primary, jacobian, kinks);
            for (int k = 0; k < plan.OutputSources.Length; k++)
            {
                var source = plan.OutputSources[k];
                if (source.Kind == SlotKind.Output && source.Index == k) continue;
                var arg = Resolve(source, start, m, work, scalars, primary, jacobian);
                arg.CopyTo(OutputBlock(k, start, m, primary, jacobian));
            }
            // A row without a logarithm has no log-space slopes either, even those that are structurally 0.
            if (which == 3 && !VectorMath.AllFinite(primary.Slice(start, m)))
            {
                for (int i = start; i < start + m; i++)
                {
                    if (!double.IsNaN(primary[i])) continue;
                    for (int j = 0; j < p; j++) jacobian[j * n + i] = double.NaN;
                }
            }
        }
    }

    private void RunStep(in RowStep step, int start, int m, double[] work, double[] scalars, EvaluationPlan plan,
        Span<double> primary, Span<double> jacobian, Span<FormulaKinkActivity> kinks)
    {
        var d = Destination(step.Destination, start, m, work, primary, jacobian);
        var ops = step.Operands;
        bool count = step.Site >= 0 && !kinks.IsEmpty;
        if (EvaluationPlan.NeedsGather(step.Node.Op) || count)
        {
            var gathered = work.AsSpan(plan.WorkSlots * BlockSize, ops.Length * m);
            for (int k = 0; k < ops.Length; k++) Resolve(ops[k], start, m, work, scalars, primary, jacobian).CopyTo(gathered.Slice(k * m, m));
            if (count) RowKernels.CountKinks(step.Node.Op, gathered, ops.Length, m, step.ParameterFreeMask, ref kinks[step.Site]);
            if (EvaluationPlan.NeedsGather(step.Node.Op))
            {
                RowKernels.RunGathered(step.Node, gathered, ops.Length, d);
                return;
            }
        }
        var a = ops.Length > 0 ? Resolve(ops[0], start, m, work, scalars, primary, jacobian) : default;
        var b = ops.Length > 1 ? Resolve(ops[1], start, m, work, scalars, primary, jacobian) : default;
        var c = ops.Length > 2 ? Resolve(ops[2], start, m, work, scalars, primary, jacobian) : default;
        RowKernels.Run(step.Node, a, b, c, d);
    }

    private Arg Resolve(Slot slot, int start, int m, double[] work, double[] scalars, Span<double> primary, Span<double> jacobian) => slot.Kind switch
    {
        SlotKind.Scalar => new Arg(scalars[slot.Index]),
        SlotKind.Data => new Arg(_data[slot.Index].AsSpan(start, m), _positive[slot.Index]),
        _ => new Arg(Destination(slot, start, m, work, primary, jacobian)),
    };

    private Span<double> Destination(Slot slot, int start, int m, double[] work, Span<double> primary, Span<double> jacobian) =>
        slot.Kind == SlotKind.Work ? work.AsSpan(slot.Index * BlockSize, m) : OutputBlock(slot.Index, start, m, primary, jacobian);

    private Span<double> OutputBlock(int k, int start, int m, Span<double> primary, Span<double> jacobian) =>
        k == 0 ? primary.Slice(start, m) : jacobian.Slice((k - 1) * Count + start, m);
}
