using ScaleLab.Data;
using ScaleLab.Fitting;
using ScaleLab.Laws;
using ScaleLab.Plots.Model;
using ScaleLab.Serialization;

namespace ScaleLab.Cli.Commands;

/// <summary>Runs and fits for the commands that draw (plot, report): read the runs, load saved fits, fit the laws asked for.</summary>
internal static class CommandInput
{
    /// <summary>
    /// Reads <paramref name="file"/> (without its <paramref name="dropHighest"/> rows of highest metric), loads each fit document and fits each law. Bad input throws
    /// <see cref="InputDataException"/> or <see cref="ArgumentException"/> (the caller's
    /// <see cref="BadInputGuard"/> turns them into exit code 2) before anything is fitted or written.
    /// </summary>
    public static (ObservationSet Data, IReadOnlyList<FitView> Fits) Read(FileInfo file, int dropHighest, IReadOnlyList<FileInfo> fitDocuments, IReadOnlyList<string> laws)
    {
        ArgumentNullException.ThrowIfNull(file);
        return Read(ObservationReader.Read(file.FullName), dropHighest, fitDocuments, laws);
    }

    /// <summary>As <see cref="Read(FileInfo, int, IReadOnlyList{FileInfo}, IReadOnlyList{string})"/> for runs read already (a sweep in the store).</summary>
    public static (ObservationSet Data, IReadOnlyList<FitView> Fits) Read(ObservationSet runs, int dropHighest, IReadOnlyList<FileInfo> fitDocuments, IReadOnlyList<string> laws)
    {
        ArgumentNullException.ThrowIfNull(runs);
        if (dropHighest < 0) throw new ArgumentException($"--drop-highest must be >= 0, got {dropHighest}");
        var data = runs.DropHighest(dropHighest);
        if (data.Count == 0) throw new InputDataException(data.Source, null, null, "no runs");
        var saved = fitDocuments.Select(f => FitView.From(FitDocument.Load(f.FullName))).ToArray();
        var resolved = laws.Select(LawRegistry.Get).ToArray();
        foreach (var law in saved.Select(f => f.Law).Concat(resolved))
        {
            var missing = law.Variables.Where(v => !data.PresentVariables.Contains(v)).ToArray();
            if (missing.Length > 0)
            {
                throw new InputDataException(data.Source, null, null, $"law '{law.Name}' needs {string.Join(", ", missing.Select(ScalingPlots.SymbolOf))}, which the file does not hold");
            }
        }
        var points = ScalingData.From(data);
        var fitted = resolved.Select(law => FitView.From(Fitter.Fit(law, points)));
        return (data, saved.Concat(fitted).ToArray());
    }
}
