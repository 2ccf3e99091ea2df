using System.CommandLine;
using System.Globalization;
using ScaleLab.Data;
using ScaleLab.Diagnostics;
using ScaleLab.Fitting;
using ScaleLab.Uncertainty;

namespace ScaleLab.Cli.Commands;

/// <summary>
/// The uncertainty options of <c>scalelab fit</c>: <c>--bootstrap N [--cluster-by COLUMN] [--seed S]
/// [--level L] [--interval percentile|bca]</c>, <c>--profile</c>, <c>--test-against NAME=VALUE,…</c>
/// and <c>--budget FLOPS</c> for the compute-optimal derived quantities. <see cref="AddTo"/> adds them
/// to a command; <see cref="Run"/> computes what they ask for after the fit.
/// </summary>
internal static class UncertaintyOptions
{
    private static readonly Option<int?> BootstrapOption = new("--bootstrap") { Description = "bootstrap resamples (e.g. 4000, as Besiroglu et al. 2024): intervals for every parameter and derived quantity" };
    private static readonly Option<string?> ClusterByOption = new("--cluster-by") { Description = "resample whole clusters instead of rows: group, run, compute, params, or any column" };
    private static readonly Option<ulong> SeedOption = new("--seed") { Description = "bootstrap seed (same seed, same intervals for any thread count)", DefaultValueFactory = _ => 1UL };
    private static readonly Option<double> LevelOption = new("--level") { Description = "interval level (0.8 = 10th to 90th percentile)", DefaultValueFactory = _ => 0.8 };
    private static readonly Option<string> IntervalOption = new("--interval") { Description = "bootstrap interval: percentile or bca", DefaultValueFactory = _ => "percentile" };
    private static readonly Option<bool> ProfileOption = new("--profile") { Description = "profile-likelihood intervals for every free parameter (Huber or Gaussian likelihood, scale estimated)" };
    private static readonly Option<string?> TestAgainstOption = new("--test-against") { Description = "likelihood-ratio test of the fit against NAME=VALUE,… (e.g. E=1.69,A=406.4,B=410.7,alpha=0.34,beta=0.28)" };
    private static readonly Option<double?> BudgetOption = new("--budget") { Description = "compute budget (FLOPs) for N_opt, D_opt and tokens per parameter (default: the largest compute in the data)" };

    /// <summary>Adds the options to <paramref name="command"/>.</summary>
    public static void AddTo(Command command)
    {
        foreach (var option in new Option[] { BootstrapOption, ClusterByOption, SeedOption, LevelOption, IntervalOption, ProfileOption, TestAgainstOption, BudgetOption })
        {
            command.Options.Add(option);
        }
    }

    /// <summary>
    /// Runs what the options ask for on a finished fit of <paramref name="set"/> (the observations
    /// fitted, in the order of <paramref name="data"/>). Identifiability and data-coverage checks
    /// always run. Throws <see cref="ArgumentException"/> for bad option values.
    /// </summary>
    public static UncertaintyReport Run(ParseResult parse, FitResult fit, ObservationSet set, ScalingData data, IProgress<double>? progress = null,
        CancellationToken cancellationToken = default)
    {
        var law = fit.Law;
        double level = parse.GetValue(LevelOption);
        if (!(level > 0 && level < 1)) throw new ArgumentException($"--level must be between 0 and 1 (e.g. 0.8), got {level.ToString(CultureInfo.InvariantCulture)}");
        var method = parse.GetValue(IntervalOption)!.Trim().ToLowerInvariant();
        if (method is not ("percentile" or "bca")) throw new ArgumentException($"--interval must be percentile or bca, got '{method}'");
        double budget = parse.GetValue(BudgetOption) ?? LargestCompute(set);
        if (parse.GetValue(BudgetOption) is not null && (!(budget > 0) || !double.IsFinite(budget))) throw new ArgumentException("--budget must be a positive number of FLOPs");
        var derived = DerivedQuantity.ForLaw(law, budget);
        var diagnostics = new List<Diagnostic>();
        if (fit.Status == FitStatus.Failed) return new UncertaintyReport();
        diagnostics.AddRange(IdentifiabilityCheck.Check(law, data, fit).Diagnostics);
        diagnostics.AddRange(DataCoverageCheck.CheckData(law, data));
        if (derived.Count > 0 && DataCoverageCheck.CheckPrediction(law, data, ScalingData.Point(compute: budget)) is { } far) diagnostics.Add(far);

        var intervals = new Dictionary<string, Interval>(StringComparer.Ordinal);
        var profileIntervals = new Dictionary<string, Interval>(StringComparer.Ordinal);
        BootstrapResult? bootstrap = null;
        if (parse.GetValue(BootstrapOption) is { } resamples)
        {
            if (resamples < 2) throw new ArgumentException($"--bootstrap needs at least 2 resamples, got {resamples}");
            var clusterBy = parse.GetValue(ClusterByOption);
            var clusters = clusterBy is null ? null : Bootstrap.ClusterIndices(set.Observations.Select(o => ClusterLabel(o, clusterBy, set.Source)).ToArray());
            bootstrap = Bootstrap.Run(law, data, fit, new BootstrapOptions
            {
                Resamples = resamples,
                Seed = parse.GetValue(SeedOption),
                Clusters = clusters,
                ClusterBy = clusterBy,
                Jackknife = method == "bca",
            }, progress, cancellationToken);
            foreach (var (k, v) in bootstrap.Intervals(level, method, derived)) intervals[k] = v;
            diagnostics.AddRange(bootstrap.Diagnostics);
        }
        else if (parse.GetValue(ClusterByOption) is not null)
        {
            throw new ArgumentException("--cluster-by needs --bootstrap N");
        }
        if (parse.GetValue(ProfileOption))
        {
            var (profiles, profileDiagnostics) = ProfileLikelihood.ProfileAll(law, data, fit, level, null, cancellationToken);
            var target = bootstrap is null ? intervals : profileIntervals;
            foreach (var p in profiles) target[p.Parameter] = p.Interval;
            diagnostics.AddRange(profileDiagnostics);
        }
        diagnostics.AddRange(DataCoverageCheck.CheckIntervals(intervals));
        LikelihoodRatioResult? lr = null;
        if (parse.GetValue(TestAgainstOption) is { } text)
        {
            lr = LikelihoodRatioTest.Test(law, data, fit, ParseHypothesis(text), cancellationToken);
        }
        var derivedValues = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var d in derived) derivedValues.Add(d.Name, d.Evaluate(fit.Theta));
        return new UncertaintyReport
        {
            Derived = derivedValues,
            Intervals = intervals, ProfileIntervals = profileIntervals, Diagnostics = diagnostics, LikelihoodRatio = lr, Bootstrap = bootstrap,
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

    /// <summary>Parses <c>NAME=VALUE,NAME=VALUE</c> (invariant numbers).</summary>
    internal static Dictionary<string, double> ParseHypothesis(string text)
    {
        var result = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var item in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var parts = item.Split('=', 2, StringSplitOptions.TrimEntries);
            if (parts.Length != 2 || parts[0].Length == 0 || !double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var v) || !double.IsFinite(v))
            {
                throw new ArgumentException($"--test-against expects NAME=VALUE,… (e.g. E=1.69,alpha=0.34), got '{item}'");
            }
            result[parts[0]] = v;
        }
        if (result.Count == 0) throw new ArgumentException("--test-against names no parameter");
        return result;
    }

    private static string ClusterLabel(Observation o, string column, string source)
    {
        string Number(double v) => v.ToString("R", CultureInfo.InvariantCulture);
        switch (column.Trim().ToLowerInvariant())
        {
            case "group": return o.Group ?? throw new ArgumentException($"--cluster-by group: {source} has no group column");
            case "run": case "run_id": return o.RunId ?? throw new ArgumentException($"--cluster-by run: {source} has no run column");
            case "compute": case "budget": case "c": return Number(o.Compute.Value);
            case "params": case "parameters": case "n": case "model": return Number(o.Parameters.Value);
            case "tokens": case "d": return Number(o.Tokens.Value);
        }
        foreach (var (k, v) in o.Tags) if (string.Equals(k, column, StringComparison.OrdinalIgnoreCase)) return v;
        throw new ArgumentException($"--cluster-by {column}: {source} has no such column (use group, run, compute, params, tokens or a column name)");
    }
}
