using ScaleLab.Data;
using ScaleLab.Store;
using ScaleLab.Sweeps.Files;

namespace ScaleLab.Cli.Commands.Sweeps;

/// <summary>
/// A sweep's finished runs read straight from the store as the data of <c>fit</c> and <c>report</c>
/// (<c>--store DB --sweep NAME</c>): the metric is the one the stored sweep file fits, unless given.
/// </summary>
internal static class SweepData
{
    /// <summary>
    /// The observations of sweep <paramref name="sweep"/> in the store at <paramref name="location"/>. A store
    /// that cannot be opened or a sweep it does not hold throws <see cref="ArgumentException"/>, a sweep without
    /// a finished run <see cref="InputDataException"/> (exit code 2 either way).
    /// </summary>
    public static ObservationSet Read(string location, string sweep, string? metric)
    {
        using var problem = new StringWriter();
        if (!StoreOption.TryOpen(location, mustExist: true, problem, out var store))
        {
            throw new ArgumentException(problem.ToString().Trim().Replace("error: ", "", StringComparison.Ordinal));
        }
        using (store)
        {
            string shown = StoreOption.Shown(location);
            if (store.FindSweep(sweep) is not { } record)
            {
                var names = store.Sweeps().Select(s => s.Name).ToArray();
                throw new ArgumentException($"sweep '{sweep}' is not in {shown} ({(names.Length == 0 ? "the store holds no sweep" : "stored: " + string.Join(", ", names))})");
            }
            metric ??= MetricOf(record);
            var data = RunObservations.From(store.Runs(sweep), $"{shown} sweep {sweep}", metric);
            if (data.Count == 0) throw new InputDataException(data.Source, null, metric, $"no finished run of sweep '{sweep}' measured '{metric}' yet");
            return data;
        }
    }

    // The stored file is the one the sweep ran with; a file this version cannot read falls back to the usual metric.
    private static string MetricOf(SweepRecord record)
    {
        try
        {
            return SweepFileReader.Parse(record.Definition, record.Name + ".toml").Metric;
        }
        catch (SweepFileException)
        {
            return "loss";
        }
    }
}
