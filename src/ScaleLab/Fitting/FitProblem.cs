using ScaleLab.Data;
using ScaleLab.Laws;

namespace ScaleLab.Fitting;

/// <summary>
/// One fit to solve: the law, the data, the options, and what follows from them once — the parameter map
/// (fixed values, ties, bounds in the optimizer's coordinates) and the objective. The fitter's collaborators
/// (the per-thread workspace, the polish of the best starts, the summary into a <see cref="FitResult"/>) all
/// work on it. Building one validates the options against the law.
/// </summary>
public sealed class FitProblem
{
    /// <summary>The problem of fitting <paramref name="law"/> to <paramref name="data"/>; throws <see cref="ArgumentException"/> for options the law cannot take.</summary>
    public FitProblem(ScalingLaw law, ScalingData data, FitOptions? options = null)
        : this(law, data, options ?? new FitOptions(), null)
    {
    }

    private FitProblem(ScalingLaw law, ScalingData data, FitOptions options, ParameterMap? map)
    {
        Law = law;
        Data = data;
        Options = options;
        Map = map ?? ParameterMap.Create(law, options.Fixed, options.Ties, options.Bounds);
    }

    /// <summary>The law fitted.</summary>
    public ScalingLaw Law { get; }

    /// <summary>The points fitted.</summary>
    public ScalingData Data { get; }

    /// <summary>Objective, fixed values, ties, bounds, starts and limits.</summary>
    public FitOptions Options { get; }

    /// <summary>The map from the optimizer's free coordinates to the law's θ.</summary>
    public ParameterMap Map { get; }

    /// <summary>The objective summed over the points.</summary>
    public FitObjective Objective => Options.Objective;

    /// <summary>The same problem on other points (a resample): the map is shared.</summary>
    public FitProblem WithData(ScalingData data) => new(Law, data, Options, Map);

    /// <summary>The same problem on other points from other starts (full θ, internal coordinates): a bootstrap refit.</summary>
    public FitProblem WithData(ScalingData data, IReadOnlyList<double[]> starts) => new(Law, data, Options with { Starts = starts, MaxStarts = null }, Map);

    /// <summary>Published names of the free (not fixed) parameters, in the law's order.</summary>
    public IReadOnlyList<string> FreeParameters()
    {
        var names = new List<string>(Law.Parameters.Count);
        for (int j = 0; j < Law.Parameters.Count; j++) if (!Map.IsFixed(j)) names.Add(Law.Parameters[j].Name);
        return names;
    }

    /// <summary>Solves the problem (see <see cref="Fitter"/>).</summary>
    public FitResult Solve(IProgress<double>? progress = null, CancellationToken cancellationToken = default) => Fitter.Fit(this, progress, cancellationToken);
}
