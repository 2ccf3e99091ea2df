using System.CommandLine;
using ScaleLab.Data;
using ScaleLab.Fitting;
using ScaleLab.Laws;
using ScaleLab.Plots.Model;
using ScaleLab.Plots.Reports;
using ScaleLab.Serialization;

namespace ScaleLab.Cli.Commands;

/// <summary>Runs and fits for the commands that draw (plot, report): read the runs, load saved fits, fit the laws asked for.</summary>
internal static class CommandInput
{
    /// <summary>
    /// Reads <paramref name="file"/> with the data options (as <c>fit</c> reads it; without <c>--metric</c>, the metric a
    /// saved fit was made on when the file has that column; a saved formula law's variables from the columns it was fitted
    /// on), loads each fit document and fits each law (registered, law file or formula). Bad input throws
    /// <see cref="InputDataException"/> or <see cref="ArgumentException"/> (the caller's
    /// <see cref="BadInputGuard"/> turns them into exit code 2) before anything is fitted or written.
    /// </summary>
    public static (ObservationSet Data, IReadOnlyList<ReportFit> Fits) Read(ParseResult parse, DataOptions options, string file, IReadOnlyList<FileInfo> fitDocuments,
        IReadOnlyList<LawChoice> laws, LawSettings settings, CancellationToken cancellationToken = default, IReadOnlyList<ScaleVariable>? alsoRequire = null)
    {
        var documents = fitDocuments.Select(f => FitDocument.Load(f.FullName)).ToArray();
        var saved = documents.Select(d => new ReportFit(d.ToFittedLaw(), d.ToAnalysis())).ToArray();
        var savedLaws = saved.Select(f => f.Fit.Law).ToArray();
        var data = ReadRuns(parse, options, file, documents.Select(d => d.Input.Metric).FirstOrDefault(m => !string.IsNullOrEmpty(m)), laws, savedLaws,
            alsoRequire ?? [], cancellationToken);
        if (data.Count == 0) throw new InputDataException(data.Source, null, null, "no runs");
        var resolved = laws.Select(c => LawOptions.Resolve(c, data, settings)).ToArray();
        Require(data, savedLaws.Concat(resolved));
        var fitted = resolved.Select(law => new ReportFit(FittedLaw.Fit(law, data, new FitOptions { Objective = ObjectiveOf(law) })));
        return (data, saved.Concat(fitted).ToArray());
    }

    /// <summary>Checks that <paramref name="data"/> holds every variable of each law; a missing one is an <see cref="InputDataException"/>.</summary>
    public static void Require(ObservationSet data, IEnumerable<ScalingLaw> laws)
    {
        foreach (var law in laws)
        {
            var missing = law.Variables.Where(v => !data.PresentVariables.Contains(v)).ToArray();
            if (missing.Length > 0)
            {
                throw new InputDataException(data.Source, null, null, $"law '{law.Name}' needs {string.Join(", ", missing.Select(ScalingPlots.SymbolOf))}, which the file does not hold");
            }
        }
    }

    /// <summary>The objective a law is fitted with here: a formula law's target, else Huber on log residuals.</summary>
    private static FitObjective ObjectiveOf(ScalingLaw law) => law is FormulaScalingLaw formula ? formula.TargetObjective : FitObjective.Default;

    // A saved fit's metric is the default metric, so that `fit --metric X --out f.json` and `plot --fit f.json` show one column.
    private static ObservationSet ReadRuns(ParseResult parse, DataOptions options, string file, string? savedMetric, IReadOnlyList<LawChoice> laws,
        IReadOnlyList<ScalingLaw> savedLaws, IReadOnlyList<ScaleVariable> alsoRequire, CancellationToken cancellationToken)
    {
        var bound = OptionSyntax.Variables(parse.GetValue(options.Variables)).Select(b => b.Variable).ToHashSet();
        var require = savedLaws.SelectMany(l => l.Variables).Where(v => !v.IsWellKnown).Concat(alsoRequire.Where(v => !v.IsWellKnown)).Distinct().ToArray();
        // A saved formula law reads its variables from the columns it was fitted on, unless --var says otherwise.
        ReadOptions Saved(ReadOptions o)
        {
            var mapping = o.Mapping ?? new ColumnMapping();
            foreach (var law in savedLaws.OfType<FormulaScalingLaw>())
            {
                foreach (var v in law.Definition.Variables)
                {
                    var variable = ScaleVariable.Named(v.Symbol);
                    if (!variable.IsWellKnown && !bound.Contains(variable) && !mapping.Variables.ContainsKey(variable)) mapping = mapping.Bind(variable, v.Column);
                }
            }
            return o with { Mapping = mapping };
        }
        if (parse.GetValue(options.Metric) is null && savedMetric is not null)
        {
            try
            {
                return LawOptions.Read(parse, options, file, laws, require, cancellationToken, o => Saved(o) with { Mapping = Saved(o).Mapping! with { Metric = savedMetric } });
            }
            catch (InputDataException ex) when (ex.Column == savedMetric && ex.Row is null)
            {
                // The file has no column of that name: recognise the metric as usual.
            }
        }
        return LawOptions.Read(parse, options, file, laws, require, cancellationToken, Saved);
    }
}
