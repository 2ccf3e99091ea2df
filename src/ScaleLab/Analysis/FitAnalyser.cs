using System.Globalization;
using ScaleLab.Data;
using ScaleLab.Diagnostics;
using ScaleLab.Fitting;
using ScaleLab.Laws;
using ScaleLab.Uncertainty;

namespace ScaleLab.Analysis;

/// <summary>
/// Runs the analysis of a fitted law (<see cref="FittedLaw.Analyse"/>): the identifiability check, the data-coverage
/// checks, the outlier check, the decay-constant profiles of a data-constrained fit, and what the options ask for — the bootstrap (rows
/// or clusters), profile-likelihood intervals, a likelihood-ratio test — then the interval checks and the derived
/// quantities at the budget.
/// </summary>
internal static class FitAnalyser
{
    public static FitAnalysis Run(FittedLaw fitted, AnalysisOptions options, IProgress<double>? progress, CancellationToken cancellationToken)
    {
        var law = fitted.Law;
        var fit = fitted.Result;
        options.Validate(law);
        var set = fitted.Observations;
        var data = fitted.Points;
        if (set is null || data is null) throw new InvalidOperationException("this fitted law holds no data (it was read from a fit document): fit the runs again to analyse it");
        double budget = options.Budget ?? LargestCompute(set);
        options = options with { Budget = budget };
        if (fit.Status == FitStatus.Failed) return new FitAnalysis { Options = options };

        var derived = DerivedQuantity.ForLaw(law, budget);
        var diagnostics = new List<Diagnostic>();
        // Muennighoff et al.'s decay constants are often weakly identified: profile them (no-op for other laws).
        diagnostics.AddRange(DataConstrainedFit.DecayConstantWarnings(fit, data, cancellationToken));
        var identifiability = IdentifiabilityCheck.Check(law, data, fit);
        diagnostics.AddRange(identifiability.Diagnostics);
        var rows = new int[set.Count];
        for (int i = 0; i < rows.Length; i++) rows[i] = set.Observations[i].Row;
        var outliers = OutlierCheck.Check(data, rows, fit, identifiability, cancellationToken: cancellationToken);
        diagnostics.AddRange(outliers.Diagnostics);
        diagnostics.AddRange(DataCoverageCheck.CheckData(law, data));
        // The frontier quantities are read at the budget; a law file's own quantities (Clark's N_cutoff) need no point.
        if (derived.Count > 0 && law.AllocatesCompute && DataCoverageCheck.CheckPrediction(law, data, ScalingData.Point(compute: budget)) is { } far) diagnostics.Add(far);

        var intervals = new Dictionary<string, Interval>(StringComparer.Ordinal);
        var profileIntervals = new Dictionary<string, Interval>(StringComparer.Ordinal);
        BootstrapResult? bootstrap = null;
        if (options.Bootstrap is { } resamples)
        {
            var clusters = options.ClusterBy is { } column ? Bootstrap.ClusterIndices(ClusterLabels(set, column)) : null;
            bootstrap = Bootstrap.Run(law, data, fit, new BootstrapOptions
            {
                Resamples = resamples,
                Seed = options.Seed,
                Clusters = clusters,
                ClusterBy = options.ClusterBy,
                Jackknife = options.Interval == "bca",
                Parallelism = options.Parallelism,
            }, progress, cancellationToken);
            foreach (var (name, interval) in bootstrap.Intervals(options.Level, options.Interval, derived)) intervals[name] = interval;
            diagnostics.AddRange(bootstrap.Diagnostics);
        }
        IReadOnlyList<ParameterProfile> profiles = [];
        if (options.Profile)
        {
            var (found, profileDiagnostics) = ProfileLikelihood.ProfileAll(law, data, fit, options.Level, null, cancellationToken);
            profiles = found;
            var target = bootstrap is null ? intervals : profileIntervals;
            foreach (var p in found) target[p.Parameter] = p.Interval;
            diagnostics.AddRange(profileDiagnostics);
        }
        diagnostics.AddRange(DataCoverageCheck.CheckIntervals(intervals));
        var likelihoodRatio = options.TestAgainst is { } hypothesis ? LikelihoodRatioTest.Test(law, data, fit, hypothesis, cancellationToken) : null;
        var values = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var (name, value) in DerivedQuantities.Of(law, fitted.Parameters)) values[name] = value;
        foreach (var d in derived) values[d.Name] = d.Evaluate(fit.Theta);
        // No non-finite number is reported as a result: a constant loss, say, leaves G and N_opt undefined.
        var undefined = values.Where(kv => !double.IsFinite(kv.Value)).Select(kv => kv.Key).ToArray();
        foreach (var name in undefined) values.Remove(name);
        if (undefined.Length > 0)
        {
            diagnostics.Add(Diagnostic.Error("derived-not-finite", $"{string.Join(", ", undefined)} cannot be computed from the fitted parameters (infinite or not a number): not reported"));
        }
        return new FitAnalysis
        {
            Options = options, Derived = values, Intervals = intervals, ProfileIntervals = profileIntervals, Profiles = profiles,
            LikelihoodRatio = likelihoodRatio, Bootstrap = bootstrap, Outliers = outliers, Diagnostics = diagnostics,
        };
    }

    // The largest compute, NaN ignored as Enumerable.Max does (a loop: LINQ over doubles is compiled at start-up);
    // NaN for a learning curve without C.
    private static double LargestCompute(ObservationSet set)
    {
        double max = double.NaN;
        if (!set.Has(ScaleVariable.Compute)) return max;
        foreach (var c in set.Values(ScaleVariable.Compute))
        {
            if (c > max || double.IsNaN(max)) max = c;
        }
        return max;
    }

    /// <summary>The cluster of every run: a role (group, run, compute, params, tokens) or any other column; bad input names the column.</summary>
    private static string[] ClusterLabels(ObservationSet set, string column)
    {
        var labels = new string[set.Count];
        for (int i = 0; i < labels.Length; i++) labels[i] = ClusterLabel(set.Observations[i], column, set.Source);
        return labels;
    }

    private static string ClusterLabel(Observation o, string column, string source)
    {
        static string Number(double v) => v.ToString("R", CultureInfo.InvariantCulture);
        switch (column.Trim().ToLowerInvariant())
        {
            case "group": return o.Group ?? throw new ArgumentException($"clusters by group: {source} has no group column");
            case "run": case "run_id": return o.RunId ?? throw new ArgumentException($"clusters by run: {source} has no run column");
            case "compute": case "budget": case "c": return Number(o.Compute.Value);
            case "params": case "parameters": case "n": case "model": return Number(o.Parameters.Value);
            case "tokens": case "d": return Number(o.Tokens.Value);
        }
        foreach (var (k, v) in o.Tags) if (string.Equals(k, column, StringComparison.OrdinalIgnoreCase)) return v;
        throw new ArgumentException($"clusters by {column}: {source} has no such column (use group, run, compute, params, tokens or a column name)");
    }
}
