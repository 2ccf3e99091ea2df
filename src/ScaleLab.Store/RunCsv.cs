using System.Globalization;

namespace ScaleLab.Store;

/// <summary>
/// Writes finished runs as CSV in the columns the core reader recognises (<c>run_id</c>,
/// <c>group</c>, <c>parameters</c>, <c>tokens</c>, <c>compute</c>, <c>loss</c>, <c>seed</c>),
/// followed by the conventions, the other held-out metrics and the training metrics
/// (<c>train_</c> prefix) and the runs' tags (a sweep's extra axes, named as tagged, or with a
/// <c>tag_</c> prefix when that name is taken), so the file can be fitted and grouped directly.
/// </summary>
public static class RunCsv
{
    private static readonly string[] Fixed =
        ["run_id", "study", "kind", "group", "parameters", "parameter_counting", "tokens", "token_unit", "compute", "compute_counting", "loss", "seed", "ending", "wall_seconds", "created"];

    /// <summary>
    /// Writes the finished runs among <paramref name="runs"/> that have a finite D; returns how many
    /// runs were left out (failed runs, and runs on infinite data, which have no D or C to read back).
    /// </summary>
    public static int Write(TextWriter writer, IEnumerable<RunRecord> runs)
    {
        var all = runs.ToArray();
        var finished = Exported(all);
        var heldOut = finished.SelectMany(r => r.Outcome!.HeldOut.Keys).Where(k => k != "loss").Distinct().Order(StringComparer.Ordinal).ToArray();
        var train = finished.SelectMany(r => r.Outcome!.Train.Keys).Distinct().Order(StringComparer.Ordinal).ToArray();
        var columns = Fixed.Concat(heldOut).Concat(train.Select(k => "train_" + k)).ToArray();
        var tags = finished.SelectMany(r => r.Tags.Keys).Distinct().Order(StringComparer.Ordinal).ToArray();
        var tagColumns = tags.Select(t => columns.Contains(t, StringComparer.OrdinalIgnoreCase) ? "tag_" + t : t);
        writer.Write(string.Join(",", columns.Concat(tagColumns).Select(Quote)));
        writer.Write('\n');
        foreach (var run in finished)
        {
            var o = run.Outcome!;
            var cells = new List<string>
            {
                run.RunId, run.Study, run.Kind, run.Group,
                Number(o.Parameters.Value), o.ParameterCounting, Number(o.Tokens!.Value.Value), o.TokenUnit, Number(o.Compute!.Value.Value), o.ComputeCounting,
                o.HeldOut.TryGetValue("loss", out var loss) ? Number(loss) : "",
                run.Seed.ToString(CultureInfo.InvariantCulture), o.Ending,
                Number(run.WallSeconds),
                run.Created.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture),
            };
            cells.AddRange(heldOut.Select(k => o.HeldOut.TryGetValue(k, out var v) ? Number(v) : ""));
            cells.AddRange(train.Select(k => o.Train.TryGetValue(k, out var v) ? Number(v) : ""));
            cells.AddRange(tags.Select(t => run.Tags.TryGetValue(t, out var v) ? v : ""));
            writer.Write(string.Join(",", cells.Select(Quote)));
            writer.Write('\n');
        }
        return all.Length - finished.Count;
    }

    /// <summary>The runs <see cref="Write"/> writes, in order: the finished ones with a finite D and C.</summary>
    public static IReadOnlyList<RunRecord> Exported(IEnumerable<RunRecord> runs) =>
        [.. runs.Where(r => r.Status == RunStatus.Finished && r.Outcome is { Tokens: not null, Compute: not null })];

    private static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    private static string Quote(string cell) =>
        cell.IndexOfAny([',', '"', '\n', '\r']) < 0 ? cell : "\"" + cell.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
