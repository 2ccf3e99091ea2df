using System.Text.Json;

namespace ScaleLab.Serialization;

/// <summary>Predictions of a saved fit (schema <c>scalelab.predict/1</c>): what <c>scalelab predict --json</c> prints.</summary>
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

    /// <summary>The document as indented JSON.</summary>
    public string ToJson() => JsonSerializer.Serialize(this, FitDocumentJsonContext.Readable.PredictionDocument);
}
