namespace ScaleLab.Serialization;

/// <summary>What <c>scalelab demo --json</c> prints (schema <c>scalelab.demo/1</c>): the synthetic study's truth, the fit, and predictions of both.</summary>
public sealed record DemoDocument
{
    /// <summary>The schema identifier.</summary>
    public const string SchemaId = "scalelab.demo/1";

    /// <summary>Always <see cref="SchemaId"/>.</summary>
    public string Schema { get; init; } = SchemaId;

    /// <summary>What the data are: a clearly labelled synthetic study.</summary>
    public required string Data { get; init; }

    /// <summary>The law the data were generated from.</summary>
    public required IReadOnlyDictionary<string, double> Truth { get; init; }

    /// <summary>The fit to the synthetic data.</summary>
    public required FitDocument Fit { get; init; }

    /// <summary>Predictions of the fitted and the true law.</summary>
    public required IReadOnlyList<DemoPrediction> Predictions { get; init; }

    /// <summary>The document as indented JSON.</summary>
    public string ToJson() => System.Text.Json.JsonSerializer.Serialize(this, FitDocumentJsonContext.Readable.DemoDocument);
}
