using System.Text.Json;
using ScaleLab.Analysis;
using ScaleLab.Data;
using ScaleLab.Fitting;

namespace ScaleLab.Serialization;

/// <summary>
/// Predictions of a saved fit (schema <c>scalelab.predict/1</c>): what <c>scalelab predict --json</c> prints, a pure
/// mapping of a <see cref="PredictionSet"/>.
/// </summary>
public sealed record PredictionDocument
{
    /// <summary>The schema identifier.</summary>
    public const string SchemaId = "scalelab.predict/1";

    /// <summary>Always <see cref="SchemaId"/>.</summary>
    public string Schema { get; init; } = SchemaId;

    /// <summary>The fit document the predictions come from.</summary>
    public required string Fit { get; init; }

    /// <summary>Registry name of the law.</summary>
    public required string Law { get; init; }

    /// <summary>Name of the metric predicted.</summary>
    public required string Metric { get; init; }

    /// <summary>The points and their predictions, in input order.</summary>
    public required IReadOnlyList<PredictionEntry> Points { get; init; }

    /// <summary>Warnings such as extrapolation far beyond the fitted data.</summary>
    public IReadOnlyList<DiagnosticEntry> Diagnostics { get; init; } = [];

    /// <summary>
    /// The document of <paramref name="predictions"/> of <paramref name="fitted"/>, read from <paramref name="fit"/>. N and D
    /// appear when the law reads them; C whenever it means something (the law reads it, or both N and D); variables
    /// the law does not read hold placeholders and are left out.
    /// </summary>
    public static PredictionDocument From(string fit, FittedLaw fitted, PredictionSet predictions)
    {
        var variables = fitted.Law.Variables;
        bool readsN = variables.Contains(ScaleVariable.Parameters), readsD = variables.Contains(ScaleVariable.Tokens);
        bool showsC = variables.Contains(ScaleVariable.Compute) || (readsN && readsD);
        var points = new PredictionEntry[predictions.Points.Count];
        for (int i = 0; i < points.Length; i++)
        {
            var p = predictions.Points[i];
            points[i] = new PredictionEntry
            {
                Parameters = readsN ? p.Point.Parameters.Value : null,
                Tokens = readsD ? p.Point.Tokens.Value : null,
                Compute = showsC ? p.Point.Compute.Value : null,
                UniqueTokens = p.Point.UniqueTokens?.Value,
                Variables = Named(variables, p.Point),
                Prediction = p.Value,
                Actual = p.Actual,
                Interval = p.Mean,
                Predictive = p.NewRun,
            };
        }
        var diagnostics = new DiagnosticEntry[predictions.Diagnostics.Count];
        for (int i = 0; i < diagnostics.Length; i++) diagnostics[i] = DiagnosticEntry.From(predictions.Diagnostics[i]);
        return new PredictionDocument { Fit = fit, Law = fitted.Law.Name, Metric = fitted.Data.Metric, Points = points, Diagnostics = diagnostics };
    }

    private static Dictionary<string, double>? Named(IReadOnlyList<ScaleVariable> variables, Observation point)
    {
        Dictionary<string, double>? named = null;
        foreach (var v in variables)
        {
            if (!v.IsWellKnown) (named ??= new Dictionary<string, double>(StringComparer.Ordinal))[v.Symbol] = point.Get(v);
        }
        return named;
    }

    /// <summary>The document as indented JSON.</summary>
    public string ToJson() => JsonOutput.ToText(JsonSerializer.SerializeToNode(this, FitDocumentJsonContext.Readable.PredictionDocument)!);
}
