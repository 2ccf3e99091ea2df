using System.Text.Json;
using System.Text.Json.Serialization;
using ScaleLab.Analysis;
using ScaleLab.Data;
using ScaleLab.Fitting;
using ScaleLab.Laws;
using ScaleLab.Uncertainty;

namespace ScaleLab.Serialization;

/// <summary>
/// A fitted law and its analysis as a versioned JSON document (schema <c>scalelab.fit/1</c>, camelCase; see
/// docs/json.md): what <c>scalelab fit --json</c> prints and <c>--out</c> saves, and what <c>predict</c>,
/// <c>plan</c>, <c>plot</c> and <c>report</c> read back. It only maps <see cref="FittedLaw"/> and
/// <see cref="FitAnalysis"/>, both ways, and holds no behaviour of its own. Doubles are written in shortest
/// round-trip form, so a saved fit predicts exactly as the fit in memory; NaN and infinities appear as the
/// strings "NaN", "Infinity", "-Infinity". Documents of earlier versions of the same schema, which lack the
/// members added since, are read too.
/// </summary>
public sealed record FitDocument
{
    /// <summary>The schema identifier this version writes and reads.</summary>
    public const string SchemaId = "scalelab.fit/1";

    /// <summary>Always <see cref="SchemaId"/>.</summary>
    public string Schema { get; init; } = SchemaId;

    /// <summary>Registry name of the law (see <see cref="LawRegistry"/>), or the name of a formula law (<see cref="FormulaLaw"/>).</summary>
    public required string Law { get; init; }

    /// <summary>The formula in published notation.</summary>
    public string Formula { get; init; } = "";

    /// <summary>The paper the law comes from.</summary>
    public string? Reference { get; init; }

    /// <summary>The law itself when it is a formula law (not in the registry), so the document alone can evaluate it.</summary>
    public FormulaLawEntry? FormulaLaw { get; init; }

    /// <summary>Fitted parameters by published name, in the law's order.</summary>
    public required IReadOnlyDictionary<string, double> Parameters { get; init; }

    /// <summary>Closed-form quantities of the fitted law (see <see cref="DerivedQuantities"/>).</summary>
    public IReadOnlyDictionary<string, double> Derived { get; init; } = new Dictionary<string, double>();

    /// <summary>Confidence intervals by parameter name, when computed.</summary>
    public IReadOnlyDictionary<string, Interval> Intervals { get; init; } = new Dictionary<string, Interval>();

    /// <summary>The objective and its value at the optimum.</summary>
    public required ObjectiveEntry Objective { get; init; }

    /// <summary><c>converged</c>, <c>not-converged</c> or <c>failed</c>.</summary>
    public required string Status { get; init; }

    /// <summary>Why the best start stopped, e.g. <c>function-converged</c>.</summary>
    public required string Exit { get; init; }

    /// <summary>Iterations of the best start.</summary>
    public int Iterations { get; init; }

    /// <summary>Objective evaluations over all starts.</summary>
    public long Evaluations { get; init; }

    /// <summary>Starts run.</summary>
    public int Starts { get; init; }

    /// <summary>Starts that met a convergence test.</summary>
    public int StartsConverged { get; init; }

    /// <summary>Starts that reached the best objective.</summary>
    public int StartsAtBest { get; init; }

    /// <summary>Index of the best start (null in documents written before it was recorded).</summary>
    public int? BestStart { get; init; }

    /// <summary>Max-norm of the projected gradient at the optimum.</summary>
    public double GradientNorm { get; init; }

    /// <summary>Parameters that were fitted (not fixed).</summary>
    public IReadOnlyList<string> FreeParameters { get; init; } = [];

    /// <summary>What reading the data and fitting found, in that order.</summary>
    public IReadOnlyList<DiagnosticEntry> Diagnostics { get; init; } = [];

    /// <summary>The data fitted: file, rows, metric, variables and their ranges.</summary>
    public required InputEntry Input { get; init; }

    /// <summary>Fixed values, ties, bounds and limits used.</summary>
    public required OptionsEntry Options { get; init; }

    /// <summary>The bootstrap behind <see cref="Intervals"/>, when one was run.</summary>
    public BootstrapEntry? Bootstrap { get; init; }

    /// <summary>Profile-likelihood intervals, when profiles were computed beside a bootstrap (otherwise they are the <see cref="Intervals"/>).</summary>
    public IReadOnlyDictionary<string, Interval>? ProfileIntervals { get; init; }

    /// <summary>The likelihood-ratio test against given parameter values, when one was asked for.</summary>
    public LikelihoodRatioEntry? LikelihoodRatio { get; init; }

    /// <summary>How the analysis was made (level, method, budget, profiles), when one was run.</summary>
    public AnalysisEntry? Analysis { get; init; }

    /// <summary>The file the document was read from (for messages; not part of the JSON).</summary>
    [JsonIgnore]
    public string? SourceName { get; init; }

    /// <summary>
    /// The document of <paramref name="fitted"/> and, when given, its <paramref name="analysis"/>: a pure mapping, which
    /// <see cref="ToFittedLaw"/> and <see cref="ToAnalysis"/> undo.
    /// </summary>
    public static FitDocument From(FittedLaw fitted, FitAnalysis? analysis = null) => FitDocumentMapping.ToDocument(fitted, analysis);

    /// <summary>The document of <paramref name="fit"/> of the runs <paramref name="data"/>, without an analysis.</summary>
    public static FitDocument From(FitResult fit, ObservationSet data) => From(new FittedLaw(fit, FittedData.Of(data), data));

    /// <summary>The fitted law the document records (without the runs themselves); bad content is an <see cref="InputDataException"/> naming the field.</summary>
    public FittedLaw ToFittedLaw() => FitDocumentMapping.ToFittedLaw(this);

    /// <summary>
    /// The analysis the document records, or null when it records none (no intervals, bootstrap, test or analysis
    /// entry); bad content is an <see cref="InputDataException"/> naming the field.
    /// </summary>
    public FitAnalysis? ToAnalysis() => FitDocumentMapping.ToAnalysis(this, ToFittedLaw());

    /// <summary>JSON name of a scale variable in <see cref="InputEntry"/>: <c>parameters</c>, <c>tokens</c>, <c>compute</c>, <c>uniqueTokens</c>.</summary>
    public static string VariableName(ScaleVariable variable) => FitDocumentMapping.VariableName(variable);

    /// <summary>The document as indented JSON.</summary>
    public string ToJson() => FitDocumentWriter.ToJson(this);

    /// <summary>Writes the document to <paramref name="path"/> atomically (<see cref="IO.AtomicFile"/>): no reader sees half a file, a read-only file is refused.</summary>
    public void Save(string path) => IO.AtomicFile.WriteAllText(path, ToJson() + "\n");

    /// <summary>Reads a document; a missing file, invalid JSON or another schema is an <see cref="InputDataException"/>.</summary>
    public static FitDocument Load(string path) => Parse(ReadText(path), path);

    /// <summary>The text of a document file; a missing or unreadable file is an <see cref="InputDataException"/> naming it.</summary>
    internal static string ReadText(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new InputDataException(path, null, null, ex is FileNotFoundException or DirectoryNotFoundException ? "file not found" : $"cannot be read ({ex.Message})");
        }
    }

    /// <summary>Parses a document from JSON text; <paramref name="sourceName"/> names it in errors.</summary>
    public static FitDocument Parse(string json, string sourceName)
    {
        try
        {
            using (var probe = JsonDocument.Parse(json))
            {
                if (probe.RootElement.ValueKind != JsonValueKind.Object ||
                    !probe.RootElement.TryGetProperty("schema", out var schema) || schema.ValueKind != JsonValueKind.String)
                {
                    throw new InputDataException(sourceName, null, "schema", $"not a ScaleLab fit document: no \"schema\" property (expected \"{SchemaId}\")");
                }
                if (schema.GetString() == FitGroupsDocument.SchemaId)
                {
                    throw new InputDataException(sourceName, null, "schema", $"holds one fit per group (\"{FitGroupsDocument.SchemaId}\", from fit --group-by): name the group to use (predict --group NAME), or group the data the same way");
                }
                if (schema.GetString() != SchemaId)
                {
                    throw new InputDataException(sourceName, null, "schema", $"schema \"{schema.GetString()}\" is not supported (expected \"{SchemaId}\")");
                }
            }
            var document = JsonSerializer.Deserialize(json, FitDocumentJsonContext.Readable.FitDocument)
                ?? throw new InputDataException(sourceName, null, null, "the document is null");
            return document with { SourceName = sourceName };
        }
        catch (JsonException ex)
        {
            var line = ex.LineNumber is { } l ? $" at line {l + 1}" : "";
            throw new InputDataException(sourceName, null, null, $"not a valid fit document{line}: {ex.Message.Split(". ")[0].TrimEnd('.')}");
        }
    }
}
