using System.Text.Json;
using System.Text.Json.Nodes;
using ScaleLab.Store;

namespace ScaleLab.Studies.Execution;

/// <summary>
/// What an attempt printed on standard output that matters: its last JSON line (the result, unless a
/// result file is read instead) and its evaluations during training, JSON lines with a <c>step</c>
/// (and optionally <c>tokens</c>, and metrics as numbers or in a <c>metrics</c> object), which make the
/// run's learning curve. A step printed twice (a task resumed from a checkpoint repeats its last
/// evaluations) keeps its latest values. Lines may arrive from several threads.
/// </summary>
public sealed class RunOutput
{
    private static readonly JsonSerializerOptions Named = new() { NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals };
    private readonly Lock _gate = new();
    private readonly SortedDictionary<long, CurvePoint> _curve = [];
    private string? _lastJson;

    /// <summary>The last line that looked like a JSON object, or null.</summary>
    public string? LastJson
    {
        get { lock (_gate) return _lastJson; }
    }

    /// <summary>The evaluations seen, in step order.</summary>
    public IReadOnlyList<CurvePoint> Curve()
    {
        lock (_gate) return [.. _curve.Values];
    }

    /// <summary>Takes one line of standard output.</summary>
    public void Line(string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        var trimmed = line.AsSpan().Trim();
        if (trimmed.Length < 2 || trimmed[0] != '{') return;
        var point = trimmed.Contains("\"step\"", StringComparison.Ordinal) ? Evaluation(trimmed.ToString()) : null;
        lock (_gate)
        {
            _lastJson = line;
            if (point is not null) _curve[point.Step] = point;
        }
    }

    /// <summary>
    /// The output of the last attempt in a run log that holds every attempt (each begun by a line
    /// starting <c>#&#160;attempt</c>), as a Slurm task writes it; empty when the log does not exist.
    /// </summary>
    public static RunOutput FromLog(string logPath)
    {
        var output = new RunOutput();
        if (!File.Exists(logPath)) return output;
        var lines = File.ReadAllLines(logPath);
        int start = Array.FindLastIndex(lines, l => l.StartsWith("# attempt", StringComparison.Ordinal)) + 1;
        for (int i = start; i < lines.Length; i++) output.Line(lines[i]);
        return output;
    }

    private static CurvePoint? Evaluation(string text)
    {
        try
        {
            if (JsonNode.Parse(text) is not JsonObject o || o["step"] is not JsonValue stepValue || !stepValue.TryGetValue<long>(out long step) || step < 0) return null;
            double? tokens = o["tokens"] is JsonValue t && t.TryGetValue<double>(out var d) && double.IsFinite(d) && d >= 0 ? d : null;
            var source = o["metrics"] as JsonObject ?? o;
            var metrics = new Dictionary<string, double>(StringComparer.Ordinal);
            foreach (var (name, value) in source)
            {
                if (source == o && name is "step" or "tokens") continue;
                if (value is JsonValue v && v.GetValueKind() is JsonValueKind.Number or JsonValueKind.String)
                {
                    try { metrics[name] = v.Deserialize<double>(Named); }
                    catch (JsonException) { }
                }
            }
            return metrics.Count == 0 ? null : new CurvePoint(step, tokens, metrics);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
