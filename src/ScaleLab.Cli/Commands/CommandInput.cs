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
    /// saved fit was made on when the file has that column), loads each fit document and fits each law. Bad input throws
    /// <see cref="InputDataException"/> or <see cref="ArgumentException"/> (the caller's
    /// <see cref="BadInputGuard"/> turns them into exit code 2) before anything is fitted or written.
    /// </summary>
    public static (ObservationSet Data, IReadOnlyList<ReportFit> Fits) Read(ParseResult parse, DataOptions options, string file, IReadOnlyList<FileInfo> fitDocuments,
        IReadOnlyList<string> laws, CancellationToken cancellationToken = default)
    {
        var documents = fitDocuments.Select(f => FitDocument.Load(f.FullName)).ToArray();
        var saved = documents.Select(d => new ReportFit(d.ToFittedLaw(), d.ToAnalysis())).ToArray();
        var resolved = laws.Select(LawRegistry.Get).ToArray();
        var data = ReadRuns(parse, options, file, documents.Select(d => d.Input.Metric).FirstOrDefault(m => !string.IsNullOrEmpty(m)), cancellationToken);
        if (data.Count == 0) throw new InputDataException(data.Source, null, null, "no runs");
        Require(data, saved.Select(f => f.Fit.Law).Concat(resolved));
        var fitted = resolved.Select(law => new ReportFit(FittedLaw.Fit(law, data)));
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

    // A saved fit's metric is the default metric, so that `fit --metric X --out f.json` and `plot --fit f.json` show one column.
    private static ObservationSet ReadRuns(ParseResult parse, DataOptions options, string file, string? savedMetric, CancellationToken cancellationToken)
    {
        if (parse.GetValue(options.Metric) is null && savedMetric is not null)
        {
            try
            {
                return options.Read(parse, file, [], cancellationToken, o => o with { Mapping = o.Mapping! with { Metric = savedMetric } });
            }
            catch (InputDataException ex) when (ex.Column == savedMetric && ex.Row is null)
            {
                // The file has no column of that name: recognise the metric as usual.
            }
        }
        return options.Read(parse, file, [], cancellationToken);
    }
}
