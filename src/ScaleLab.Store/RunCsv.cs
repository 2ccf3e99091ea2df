using System.Globalization;

namespace ScaleLab.Store;

/// <summary>
/// Writes finished runs as CSV in the columns the core reader recognises (<c>run_id</c>,
/// <c>group</c>, <c>parameters</c>, <c>tokens</c>, <c>compute</c>, <c>loss</c>, <c>seed</c>),
/// followed by the conventions, the other held-out metrics and the training metrics
/// (<c>train_</c> prefix), so the file can be fitted directly.
/// </summary>
public static class RunCsv
{
    private static readonly string[] Fixed =
        ["run_id", "study", "kind", "group", "parameters", "parameter_counting", "tokens", "compute", "compute_counting", "loss", "seed", "wall_seconds", "created"];

    /// <summary>Writes the finished runs among <paramref name="runs"/>; failed runs have no N, D or loss and are skipped.</summary>
    public static void Write(TextWriter writer, IEnumerable<RunRecord> runs)
    {
        var finished = runs.Where(r => r.Status == RunStatus.Finished && r.Outcome is not null).ToArray();
        var heldOut = finished.SelectMany(r => r.Outcome!.HeldOut.Keys).Where(k => k != "loss").Distinct().Order(StringComparer.Ordinal).ToArray();
        var train = finished.SelectMany(r => r.Outcome!.Train.Keys).Distinct().Order(StringComparer.Ordinal).ToArray();
        writer.Write(string.Join(",", Fixed.Concat(heldOut).Concat(train.Select(k => "train_" + k)).Select(Quote)));
        writer.Write('\n');
        foreach (var run in finished)
        {
            var o = run.Outcome!;
            var cells = new List<string>
            {
                run.RunId, run.Study, run.Kind, run.Group,
                Number(o.Parameters.Value), o.ParameterCounting, Number(o.Tokens.Value), Number(o.Compute.Value), o.ComputeCounting,
                o.HeldOut.TryGetValue("loss", out var loss) ? Number(loss) : "",
                run.Seed.ToString(CultureInfo.InvariantCulture),
                Number(run.WallSeconds),
                run.Created.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture),
            };
            cells.AddRange(heldOut.Select(k => o.HeldOut.TryGetValue(k, out var v) ? Number(v) : ""));
            cells.AddRange(train.Select(k => o.Train.TryGetValue(k, out var v) ? Number(v) : ""));
            writer.Write(string.Join(",", cells.Select(Quote)));
            writer.Write('\n');
        }
    }

    private static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    private static string Quote(string cell) =>
        cell.IndexOfAny([',', '"', '\n', '\r']) < 0 ? cell : "\"" + cell.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
