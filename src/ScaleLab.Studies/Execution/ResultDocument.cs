using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using ScaleLab.Diagnostics;
using ScaleLab.Quantities;
using ScaleLab.Store;

namespace ScaleLab.Studies.Execution;

/// <summary>
/// The JSON document a run's command leaves as its result (schema <c>scalelab.result/1</c>, see
/// docs/studies.md): in the file it was told to write, or as the last JSON line on its standard
/// output. It holds the held-out metrics and N as trained, optionally D and C and how each was
/// counted, the training metrics, how training ended and the trainer's diagnostics. A document
/// without a <c>metrics</c> object may give its metrics as top-level numbers (<c>{"loss": 2.31,
/// "parameters": 1.2e8}</c>), as training scripts usually print them.
/// </summary>
public static class ResultDocument
{
    /// <summary>The schema name written in every document.</summary>
    public const string Schema = "scalelab.result/1";

    /// <summary>How N is counted when the result did not report it and the planned value stands.</summary>
    public const string Planned = "planned";

    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        WriteIndented = false,
    };

    // Top-level names that are not metrics when a document lists its metrics at the top level.
    private static readonly HashSet<string> Reserved =
    [
        "schema", "metric", "metrics", "trainMetrics", "parameters", "parameterCounting", "tokens", "tokenUnit", "compute", "computeCounting",
        "ending", "steps", "step", "diagnostics", "kind", "trainer", "seed", "configuration", "nonEmbeddingParameters", "wallSeconds",
    ];

    /// <summary>
    /// The document for <paramref name="outcome"/> as one line of JSON; <paramref name="metric"/> names
    /// the headline held-out metric and <paramref name="extra"/> adds properties (e.g. the trainer and
    /// its configuration). Non-finite metrics (a diverged run) are written as the strings NaN or Infinity.
    /// </summary>
    public static string Write(RunOutcome outcome, string metric, JsonObject? extra = null)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        var document = new JsonObject
        {
            ["schema"] = Schema,
            ["metric"] = metric,
            ["metrics"] = Metrics(outcome.HeldOut),
            ["trainMetrics"] = Metrics(outcome.Train),
            ["parameters"] = outcome.Parameters.Value,
            ["parameterCounting"] = outcome.ParameterCounting,
            ["tokens"] = outcome.Tokens?.Value,
            ["tokenUnit"] = outcome.TokenUnit,
            ["compute"] = outcome.Compute?.Value,
            ["computeCounting"] = outcome.ComputeCounting,
            ["ending"] = outcome.Ending,
            ["steps"] = outcome.Steps,
            ["diagnostics"] = new JsonArray([.. outcome.Diagnostics.Select(d => (JsonNode)new JsonObject
            {
                ["severity"] = d.Severity.ToString().ToLowerInvariant(), ["code"] = d.Code, ["message"] = d.Message,
            })]),
        };
        foreach (var (name, value) in extra ?? []) document[name] = value?.DeepClone();
        return document.ToJsonString(JsonOptions);
    }

    /// <summary>
    /// Reads a result document. With <paramref name="planned"/>, a document without N (or D) takes the
    /// planned value, counted as <c>planned</c>; without, N is required. A <c>step</c> stands for
    /// <c>steps</c> when that is absent (a last evaluation line doubling as the result).
    /// </summary>
    /// <exception cref="InvalidDataException">The text is not a result document; the message says what is wrong.</exception>
    public static RunOutcome Parse(string json, ResultDefaults? planned = null)
    {
        ArgumentNullException.ThrowIfNull(json);
        try
        {
            if (JsonNode.Parse(json) is not JsonObject o) throw new InvalidDataException("the result is not a JSON object");
            if (o["schema"] is { } schema && schema.GetValue<string>() != Schema)
            {
                throw new InvalidDataException($"the result has schema '{schema.GetValue<string>()}', not {Schema}");
            }
            var heldOut = o["metrics"] is { } m
                ? ReadMetrics(m, "metrics")
                : o.Where(p => !Reserved.Contains(p.Key) && p.Value is JsonValue v && v.TryGetValue<double>(out _))
                    .ToDictionary(p => p.Key, p => p.Value!.GetValue<double>(), StringComparer.Ordinal);
            if (heldOut.Count == 0) throw new InvalidDataException("the result holds no metric (a 'metrics' object, or a number such as \"loss\": 2.31)");
            double? reportedN = Number(o, "parameters");
            double parameters = reportedN ?? planned?.Parameters ?? throw new InvalidDataException("the result has no 'parameters' (N as trained)");
            double? reportedD = Number(o, "tokens");
            double? tokens = reportedD ?? planned?.Tokens;
            double? compute = Number(o, "compute");
            string? computeCounting = Text(o, "computeCounting");
            if (compute is null && tokens is { } d)
            {
                // C = 6ND when the command reports N and D only, as the readers derive it.
                compute = 6 * parameters * d;
                computeCounting = RunOutcome.SixND;
            }
            return new RunOutcome
            {
                Parameters = ParameterCount.Of(parameters),
                ParameterCounting = Text(o, "parameterCounting") ?? (reportedN is null ? Planned : "reported"),
                Tokens = tokens is { } t ? TokenCount.Of(t) : null,
                TokenUnit = Text(o, "tokenUnit") ?? "tokens",
                Compute = compute is { } c ? Flops.Of(c) : null,
                ComputeCounting = computeCounting ?? "reported",
                HeldOut = heldOut,
                Train = o["trainMetrics"] is { } train ? ReadMetrics(train, "trainMetrics") : new Dictionary<string, double>(),
                Ending = Text(o, "ending") ?? "completed",
                Steps = (o["steps"] ?? o["step"])?.GetValue<long>() ?? 0,
                Diagnostics = o["diagnostics"] is JsonArray array ? [.. array.Select(ReadDiagnostic)] : [],
            };
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException or ArgumentException or KeyNotFoundException)
        {
            throw new InvalidDataException($"the result cannot be read: {e.Message}", e);
        }
    }

    private static JsonObject Metrics(IReadOnlyDictionary<string, double> metrics) =>
        new(metrics.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => KeyValuePair.Create(p.Key, (JsonNode?)JsonValue.Create(p.Value))));

    private static Dictionary<string, double> ReadMetrics(JsonNode node, string name)
    {
        if (node is not JsonObject metrics) throw new InvalidDataException($"'{name}' is not an object of numbers");
        return metrics.ToDictionary(p => p.Key, p => p.Value is null ? double.NaN : p.Value.Deserialize<double>(JsonOptions), StringComparer.Ordinal);
    }

    private static double? Number(JsonObject o, string name)
    {
        if (o[name] is not { } node) return null;
        double value = node.Deserialize<double>(JsonOptions);
        if (!double.IsFinite(value) || value <= 0)
        {
            throw new InvalidDataException($"'{name}' is {value.ToString("R", CultureInfo.InvariantCulture)}: it must be a positive number");
        }
        return value;
    }

    private static string? Text(JsonObject o, string name) => o[name]?.GetValue<string>();

    private static Diagnostic ReadDiagnostic(JsonNode? node)
    {
        var o = node as JsonObject ?? throw new InvalidDataException("a diagnostic is not an object");
        var severity = Text(o, "severity") switch
        {
            "error" => DiagnosticSeverity.Error,
            "warning" => DiagnosticSeverity.Warning,
            _ => DiagnosticSeverity.Info,
        };
        return new Diagnostic(severity, Text(o, "code") ?? "trainer", Text(o, "message") ?? "");
    }
}
