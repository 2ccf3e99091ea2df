using System.Text.Json;
using ScaleLab.Analysis;
using ScaleLab.Data;
using ScaleLab.Diagnostics;
using ScaleLab.Fitting;
using ScaleLab.Laws;
using ScaleLab.Optimization;
using ScaleLab.Uncertainty;

namespace ScaleLab.Serialization;

/// <summary>
/// The mapping between <see cref="FitDocument"/> and the model it records, <see cref="FittedLaw"/> and
/// <see cref="FitAnalysis"/>, in both directions. Loops rather than LINQ over the scale variables, doubles and
/// tuples: their generic code would be compiled at the start of every <c>scalelab fit</c>.
/// </summary>
internal static class FitDocumentMapping
{
    private const string DataStage = "data", FitStage = "fit", AnalysisStage = "analysis";

    public static FitDocument ToDocument(FittedLaw fitted, FitAnalysis? analysis)
    {
        var law = fitted.Law;
        var fit = fitted.Result;
        var objective = fit.Options.Objective;
        var variables = new string[fitted.Data.Ranges.Count];
        var ranges = new Dictionary<string, RangeEntry>();
        for (int v = 0; v < variables.Length; v++)
        {
            var range = fitted.Data.Ranges[v];
            variables[v] = VariableName(range.Variable);
            ranges.Add(variables[v], new RangeEntry(range.Min, range.Max));
        }
        var fixedValues = new Dictionary<string, double>();
        foreach (var (name, value) in fit.Options.Fixed) fixedValues.Add(name, value);
        var bounds = new Dictionary<string, BoundEntry>();
        foreach (var (name, (lower, upper)) in fit.Options.Bounds) bounds.Add(name, new BoundEntry(lower, upper));
        var ties = new IReadOnlyList<string>[fit.Options.Ties.Count];
        for (int t = 0; t < ties.Length; t++) ties[t] = [.. fit.Options.Ties[t]];
        var diagnostics = new List<DiagnosticEntry>();
        foreach (var d in fitted.Data.Diagnostics) diagnostics.Add(DiagnosticEntry.From(d, DataStage));
        foreach (var d in fit.Diagnostics) diagnostics.Add(DiagnosticEntry.From(d, FitStage));
        foreach (var d in analysis?.Diagnostics ?? []) diagnostics.Add(DiagnosticEntry.From(d, AnalysisStage));
        return new FitDocument
        {
            Law = law.Name,
            Formula = law.Formula,
            Reference = law.Reference,
            FormulaLaw = law is FormulaScalingLaw formula ? FormulaLawMapping.ToEntry(formula) : null,
            Parameters = fitted.Parameters,
            Derived = analysis?.Derived ?? (fit.Status == FitStatus.Failed ? new Dictionary<string, double>() : DerivedQuantities.Of(law, fitted.Parameters)),
            Intervals = analysis?.Intervals ?? new Dictionary<string, Interval>(),
            Objective = new ObjectiveEntry(objective.Name, fit.Objective,
                objective.Loss == LossKind.Huber ? objective.Delta : null,
                objective.Loss == LossKind.AsymmetricAbsolute ? objective.NegativeWeight : null),
            Status = JsonOutput.Word(fit.Status),
            Exit = JsonOutput.Word(fit.Exit),
            Iterations = fit.Iterations,
            Evaluations = fit.Evaluations,
            Starts = fit.Starts,
            StartsConverged = fit.StartsConverged,
            StartsAtBest = fit.StartsAtBest,
            BestStart = fit.BestStart,
            GradientNorm = fit.GradientNorm,
            FreeParameters = [.. fit.FreeParameters],
            Diagnostics = diagnostics,
            Input = new InputEntry { Path = fitted.Data.Source, Rows = fitted.Data.Rows, Metric = fitted.Data.Metric, Variables = variables, Ranges = ranges },
            Options = new OptionsEntry
            {
                Fixed = fixedValues, Ties = ties, Bounds = bounds, MaxStarts = fit.Options.MaxStarts, MaxIterations = fit.Options.MaxIterations,
                CustomStarts = fit.Options.Starts is not null,
            },
            Bootstrap = analysis?.Bootstrap is { } b ? Bootstrap(b) : null,
            ProfileIntervals = analysis is { ProfileIntervals.Count: > 0 } ? analysis.ProfileIntervals : null,
            LikelihoodRatio = analysis?.LikelihoodRatio is { } lr
                ? new LikelihoodRatioEntry(lr.Hypothesis, lr.Statistic, lr.DegreesOfFreedom, lr.PValue, lr.ObjectiveFit, lr.ObjectiveHypothesis, lr.Likelihood)
                : null,
            Analysis = analysis is null ? null : new AnalysisEntry
            {
                Level = analysis.Options.Level, Interval = analysis.Options.Interval, Budget = analysis.Options.Budget, Profile = analysis.Options.Profile,
                Profiles = analysis.Profiles.Count == 0 ? null : Profiles(analysis.Profiles),
            },
        };
    }

    private static BootstrapEntry Bootstrap(BootstrapResult b) => new()
    {
        Resamples = b.Resamples, Failed = b.Failed, Seed = unchecked((long)b.Seed), ClusterBy = b.ClusterBy, Clusters = b.ClusterCount,
        FailedResamples = b.FailedResamples.Count == b.Failed ? [.. b.FailedResamples] : null,
        Samples = b.PublishedSamples(), LogResiduals = [.. b.LogResiduals],
    };

    private static ProfileEntry[] Profiles(IReadOnlyList<ParameterProfile> profiles)
    {
        var entries = new ProfileEntry[profiles.Count];
        for (int k = 0; k < entries.Length; k++)
        {
            var p = profiles[k];
            var points = new IReadOnlyList<double>[p.Points.Count];
            for (int i = 0; i < points.Length; i++) points[i] = [p.Points[i].Value, p.Points[i].Statistic];
            entries[k] = new ProfileEntry
            {
                Parameter = p.Parameter, Estimate = p.Estimate, Interval = p.Interval, FlatLower = p.FlatLower, FlatUpper = p.FlatUpper,
                SearchedLower = p.SearchedLower, SearchedUpper = p.SearchedUpper, Points = points,
            };
        }
        return entries;
    }

    public static FittedLaw ToFittedLaw(FitDocument d)
    {
        var law = Law(d);
        var parameters = new Dictionary<string, double>(law.Parameters.Count, StringComparer.Ordinal);
        foreach (var p in law.Parameters)
        {
            if (!TryGet(d.Parameters, p.Name, out var value)) throw Bad(d, "parameters", $"law '{law.Name}' needs parameter '{p.Name}'");
            parameters[p.Name] = value;
        }
        var fitDiagnostics = new List<Diagnostic>();
        var dataDiagnostics = new List<Diagnostic>();
        foreach (var entry in d.Diagnostics)
        {
            if (entry.Stage == DataStage) dataDiagnostics.Add(entry.ToDiagnostic());
            else if (entry.Stage is null or FitStage) fitDiagnostics.Add(entry.ToDiagnostic());
        }
        var bounds = new Dictionary<string, (double Lower, double Upper)>();
        foreach (var (name, bound) in d.Options.Bounds) bounds[name] = (bound.Lower, bound.Upper);
        FitObjective objective;
        try { objective = FitObjective.Parse(d.Objective.Name, d.Objective.Delta, d.Objective.NegativeWeight); }
        catch (ArgumentException e) { throw Bad(d, "objective", e.Message); }
        var options = new FitOptions
        {
            Objective = objective, Fixed = d.Options.Fixed, Ties = d.Options.Ties, Bounds = bounds, MaxStarts = d.Options.MaxStarts,
            MaxIterations = d.Options.MaxIterations > 0 ? d.Options.MaxIterations : new FitOptions().MaxIterations,
        };
        var result = new FitResult
        {
            Law = law, Theta = law.FromNamed(parameters), Objective = d.Objective.Value, Status = Status(d), Exit = Exit(d),
            Iterations = d.Iterations, Evaluations = d.Evaluations, GradientNorm = d.GradientNorm, Starts = d.Starts,
            StartsConverged = d.StartsConverged, StartsAtBest = d.StartsAtBest, BestStart = d.BestStart ?? -1, Points = d.Input.Rows,
            Options = options, FreeParameters = d.FreeParameters, Diagnostics = fitDiagnostics,
        };
        var ranges = new List<VariableRange>();
        foreach (var (name, range) in d.Input.Ranges)
        {
            if (Variable(name) is { } variable) ranges.Add(new VariableRange(variable, range.Min, range.Max));
        }
        var data = new FittedData { Source = d.Input.Path, Metric = d.Input.Metric, Rows = d.Input.Rows, Ranges = ranges, Diagnostics = dataDiagnostics };
        return new FittedLaw(result, data, null, parameters);
    }

    public static FitAnalysis? ToAnalysis(FitDocument d, FittedLaw fitted)
    {
        bool any = d.Analysis is not null || d.Intervals.Count > 0 || d.Bootstrap is not null || d.LikelihoodRatio is not null || d.ProfileIntervals is not null;
        if (!any) return null;
        var law = fitted.Law;
        // Documents written before the analysis entry: the level and method are those of the intervals.
        Interval? first = null;
        foreach (var interval in d.Intervals.Values) { first = interval; break; }
        bool profiled = d.ProfileIntervals is not null || first?.Method == "profile";
        var options = new AnalysisOptions
        {
            Level = d.Analysis?.Level ?? first?.Level ?? AnalysisOptions.DefaultLevel,
            Interval = d.Analysis?.Interval ?? (first?.Method == "bca" ? "bca" : "percentile"),
            Bootstrap = d.Bootstrap?.Resamples,
            Seed = d.Bootstrap is { } seeded ? unchecked((ulong)seeded.Seed) : 1,
            ClusterBy = d.Bootstrap?.ClusterBy,
            Profile = d.Analysis?.Profile ?? profiled,
            TestAgainst = d.LikelihoodRatio?.Hypothesis,
            Budget = d.Analysis?.Budget,
        };
        var diagnostics = new List<Diagnostic>();
        foreach (var entry in d.Diagnostics) if (entry.Stage == AnalysisStage) diagnostics.Add(entry.ToDiagnostic());
        var lr = d.LikelihoodRatio is { } e
            ? new LikelihoodRatioResult(e.Hypothesis, e.Statistic, e.Df, e.PValue, e.ObjectiveFit, e.ObjectiveHypothesis, e.Likelihood)
            : null;
        return new FitAnalysis
        {
            Options = options, Derived = d.Derived, Intervals = d.Intervals, ProfileIntervals = d.ProfileIntervals ?? new Dictionary<string, Interval>(),
            Profiles = d.Analysis?.Profiles is { } profiles ? Profiles(profiles) : [], LikelihoodRatio = lr,
            Bootstrap = d.Bootstrap is { } b ? Bootstrap(d, b, fitted) : null, Diagnostics = diagnostics,
        };
    }

    private static BootstrapResult Bootstrap(FitDocument d, BootstrapEntry b, FittedLaw fitted)
    {
        var law = fitted.Law;
        var samples = new double[b.Samples.Count][];
        for (int i = 0; i < samples.Length; i++)
        {
            if (b.Samples[i].Count != law.Parameters.Count)
            {
                throw Bad(d, $"bootstrap.samples[{i}]", $"expected {law.Parameters.Count} values ({string.Join(", ", law.Parameters.Select(x => x.Name))}), found {b.Samples[i].Count}");
            }
            samples[i] = [.. b.Samples[i]];
        }
        var options = new BootstrapOptions { Resamples = Math.Max(b.Resamples, 1), Seed = unchecked((ulong)b.Seed), ClusterBy = b.ClusterBy };
        int clusters = b.Clusters ?? (b.ClusterBy is null ? fitted.Data.Rows : 0);
        return BootstrapResult.FromPublished(law, fitted.Result.Theta, samples, b.Failed, [.. b.FailedResamples ?? []], [.. b.LogResiduals ?? []], options, clusters);
    }

    private static ParameterProfile[] Profiles(IReadOnlyList<ProfileEntry> entries)
    {
        var profiles = new ParameterProfile[entries.Count];
        for (int k = 0; k < profiles.Length; k++)
        {
            var e = entries[k];
            var points = new (double Value, double Statistic)[e.Points.Count];
            for (int i = 0; i < points.Length; i++) points[i] = (e.Points[i][0], e.Points[i][1]);
            profiles[k] = new ParameterProfile(e.Parameter, e.Estimate, e.Interval, points, e.FlatLower, e.FlatUpper, e.SearchedLower, e.SearchedUpper);
        }
        return profiles;
    }

    /// <summary>JSON name of a scale variable (if/else rather than a switch: variables are values, not a closed set).</summary>
    public static string VariableName(ScaleVariable variable)
    {
        if (variable == ScaleVariable.Parameters) return "parameters";
        if (variable == ScaleVariable.Tokens) return "tokens";
        if (variable == ScaleVariable.Compute) return "compute";
        if (variable == ScaleVariable.UniqueTokens) return "uniqueTokens";
        return variable.Symbol;
    }

    private static ScaleVariable? Variable(string name)
    {
        foreach (var variable in new[] { ScaleVariable.Parameters, ScaleVariable.Tokens, ScaleVariable.Compute, ScaleVariable.UniqueTokens })
        {
            if (VariableName(variable) == name) return variable;
        }
        // A named variable is stored under its symbol (case-sensitive).
        return ScaleVariable.IsIdentifier(name) ? ScaleVariable.Named(name) : null;
    }

    private static ScalingLaw Law(FitDocument d)
    {
        if (d.FormulaLaw is { } formula)
        {
            try { return FormulaLawMapping.ToLaw(formula, d.Law); }
            catch (Formulas.FormulaException e) { throw Bad(d, "formulaLaw", e.Summary); }
            catch (ArgumentException e) { throw Bad(d, "formulaLaw", e.Message); }
        }
        try { return LawRegistry.Get(d.Law); }
        catch (ArgumentException e) { throw Bad(d, "law", e.Message); }
    }

    private static FitStatus Status(FitDocument d) => d.Status switch
    {
        "converged" => FitStatus.Converged,
        "not-converged" => FitStatus.NotConverged,
        "failed" => FitStatus.Failed,
        _ => throw Bad(d, "status", $"'{d.Status}' is not converged, not-converged or failed"),
    };

    private static OptimizerExit Exit(FitDocument d) =>
        Enum.TryParse<OptimizerExit>(d.Exit.Replace("-", "", StringComparison.Ordinal), ignoreCase: true, out var exit) && JsonOutput.Word(exit) == d.Exit
            ? exit
            : throw Bad(d, "exit", $"'{d.Exit}' is not an optimizer exit ({string.Join(", ", Enum.GetNames<OptimizerExit>().Select(JsonOutput.Word))})");

    private static InputDataException Bad(FitDocument d, string field, string message) => new(d.SourceName ?? "fit document", null, field, message);

    private static bool TryGet(IReadOnlyDictionary<string, double> values, string name, out double value)
    {
        if (values.TryGetValue(name, out value)) return true;
        foreach (var (key, v) in values)
        {
            if (string.Equals(key, name, StringComparison.OrdinalIgnoreCase)) { value = v; return true; }
        }
        return false;
    }
}
