using System.Globalization;
using ScaleLab.Planning;
using ScaleLab.Store;
using ScaleLab.Studies;
using ScaleLab.Sweeps.Definition;
using ScaleLab.Sweeps.Files;

namespace ScaleLab.Sweeps.Planning;

/// <summary>Expands a sweep file into its runs and gives each run its seed, tags, planned scale and command values.</summary>
public static class SweepPlanner
{
    /// <summary>The kind of every sweep run (part of its key).</summary>
    public const string Kind = "command";

    /// <summary>
    /// The runs of <paramref name="definition"/>: each grid point (IsoFLOP sizes placed with <paramref name="prior"/>)
    /// times every combination of the axes the point does not fix, in file order.
    /// </summary>
    /// <exception cref="ArgumentException">An IsoFLOP grid without a prior, or two runs that are the same run.</exception>
    public static SweepPlan Plan(SweepDefinition definition, PlanningLaw? prior, string? priorSource = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(definition);
        if (definition.Grid.NeedsPrior && prior is null) throw new ArgumentException("an IsoFLOP grid needs a law to place its sizes", nameof(prior));
        var runs = new List<PlannedRun>();
        var keys = new HashSet<string>(StringComparer.Ordinal);
        foreach (var point in definition.Grid.Points(prior, cancellationToken))
        {
            foreach (var values in Combinations(definition.Axes.Where(a => !point.Values.ContainsKey(a.Name)).ToArray()))
            {
                var all = new SortedDictionary<string, string>(StringComparer.Ordinal);
                foreach (var (k, v) in point.Values) all[k] = v;
                foreach (var (k, v) in values) all[k] = v;
                var unseeded = new SweepPoint(point.Parameters, point.Tokens, point.Budget, 0, all);
                long seed = all.TryGetValue(Placeholders.Seed, out var given)
                    ? long.Parse(given, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture)
                    : RunSeed.Derive(definition.Seed, CanonicalJson.Serialize(unseeded));
                var spec = unseeded with { Seed = seed };
                string group = point.Budget is { } c ? "C=" + SweepFileReader.Number(c) : "";
                var run = PlannedRun.Create(Kind, group, spec, seed);
                if (!keys.Add(run.Key)) throw new ArgumentException($"the sweep has the run N = {SweepFileReader.Number(spec.Parameters)}, D = {SweepFileReader.Number(spec.Tokens)} ({string.Join(", ", all.Select(p => $"{p.Key} = {p.Value}"))}) twice");
                runs.Add(run);
            }
        }
        if (runs.Count == 0) throw new ArgumentException("the sweep has no runs");
        return new SweepPlan(definition, runs, definition.Grid.NeedsPrior ? prior : null, definition.Grid.NeedsPrior ? priorSource : null);
    }

    /// <summary>The stored tags of a run: its axis values, and its budget in an IsoFLOP grid.</summary>
    public static RunTags Tags(PlannedRun run)
    {
        var point = SweepPlan.PointOf(run);
        var tags = point.Values.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
        if (point.Budget is { } c) tags.TryAdd(Placeholders.Budget, SweepFileReader.Number(c));
        return new RunTags(tags);
    }

    /// <summary>The value of every placeholder for one attempt of <paramref name="run"/>.</summary>
    public static IReadOnlyDictionary<string, string> Values(PlannedRun run, int attempt, string resultPath, string checkpointDirectory)
    {
        var point = SweepPlan.PointOf(run);
        var values = new Dictionary<string, string>(point.Values, StringComparer.Ordinal)
        {
            [Placeholders.Parameters] = SweepFileReader.Number(point.Parameters),
            [Placeholders.Tokens] = SweepFileReader.Number(point.Tokens),
            [Placeholders.Budget] = SweepFileReader.Number(point.Compute),
            [Placeholders.Seed] = point.Seed.ToString(CultureInfo.InvariantCulture),
            [Placeholders.RunId] = run.Key[..12],
            [Placeholders.Out] = resultPath,
            [Placeholders.CheckpointDirectory] = checkpointDirectory,
            [Placeholders.Attempt] = attempt.ToString(CultureInfo.InvariantCulture),
        };
        return values;
    }

    private static IEnumerable<Dictionary<string, string>> Combinations(SweepAxis[] axes)
    {
        IEnumerable<Dictionary<string, string>> result = [new Dictionary<string, string>(StringComparer.Ordinal)];
        foreach (var axis in axes)
        {
            result = result.SelectMany(c => axis.Values.Select(v => new Dictionary<string, string>(c, StringComparer.Ordinal) { [axis.Name] = v })).ToArray();
        }
        return result;
    }
}
