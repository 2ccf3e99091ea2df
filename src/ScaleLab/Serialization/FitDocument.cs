using System.Text.Json;
using ScaleLab.Data;
using ScaleLab.Diagnostics;
using ScaleLab.Fitting;
using ScaleLab.Laws;
using ScaleLab.Quantities;

namespace ScaleLab.Serialization;

/// <summary>
/// A fit as a versioned JSON document (schema <c>scalelab.fit/1</c>, camelCase): what <c>scalelab
/// fit --json</c> prints and <c>--out</c> saves, and what <c>scalelab predict --fit</c> reads back.
/// Doubles are written in shortest round-trip form, so a saved fit predicts exactly as the fit in
/// memory; NaN and infinities appear as the strings "NaN", "Infinity", "-Infinity".
/// </summary>
public sealed record FitDocument
{
    /// <summary>The schema identifier this version writes and reads.</summary>
    public const string SchemaId = "scalelab.fit/1";

    /// <summary>Always <see cref="SchemaId"/>.</summary>
    public string Schema { get; init; } = SchemaId;

    /// <summary>Registry name of the law (see <see cref="LawRegistry"/>).</summary>
    public required string Law { get; init; }

    /// <summary>The formula in published notation.</summary>
    public string Formula { get; init; } = "";

    /// <summary>The paper the law comes from.</summary>
    public string? Reference { get; init; }

    /// <summary>Fitted parameters by published name, in the law's order.</summary>
    public required IReadOnlyDictionary<string, double> Parameters { get; init; }

    /// <summary>Closed-form quantities of the fitted law (see <see cref="DerivedQuantities"/>).</summary>
    public IReadOnlyDictionary<string, double> Derived { get; init; } = new Dictionary<string, double>();

    /// <summary>Confidence intervals by parameter name, when computed.</summary>
    public IReadOnlyDictionary<string, IntervalEntry> Intervals { get; init; } = new Dictionary<string, IntervalEntry>();

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
    public IReadOnlyDictionary<string, IntervalEntry>? ProfileIntervals { get; init; }

    /// <summary>The likelihood-ratio test against given parameter values, when one was asked for.</summary>
    public LikelihoodRatioEntry? LikelihoodRatio { get; init; }

    /// <summary>The document of a fit of <paramref name="data"/>.</summary>
    public static FitDocument From(FitResult fit, ObservationSet data)
    {
        var law = fit.Law;
        var parameters = fit.Parameters;
        var ordered = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var p in law.Parameters) ordered[p.Name] = parameters[p.Name];
        var objective = fit.Options.Objective;
        // Loops rather than LINQ over the scale-variable enum and the bounds' tuples, whose generic code would be compiled at start-up.
        var present = data.PresentVariables;
        var variables = new string[present.Count];
        var ranges = new Dictionary<string, RangeEntry>();
        for (int v = 0; v < variables.Length; v++)
        {
            variables[v] = VariableName(present[v]);
            if (data.Count > 0) ranges.Add(variables[v], Range(data.Values(present[v])));
        }
        var fixedValues = new Dictionary<string, double>();
        foreach (var (name, value) in fit.Options.Fixed) fixedValues.Add(name, value);
        var bounds = new Dictionary<string, BoundEntry>();
        foreach (var (name, (lower, upper)) in fit.Options.Bounds) bounds.Add(name, new BoundEntry(lower, upper));
        return new FitDocument
        {
            Law = law.Name,
            Formula = law.Formula,
            Reference = law.Reference,
            Parameters = ordered,
            Derived = fit.Status == FitStatus.Failed ? new Dictionary<string, double>() : DerivedQuantities.Of(law, ordered),
            Objective = new ObjectiveEntry(objective.Name, fit.Objective,
                objective.Loss == LossKind.Huber ? objective.Delta : null,
                objective.Loss == LossKind.AsymmetricAbsolute ? objective.NegativeWeight : null),
            Status = Kebab(fit.Status.ToString()),
            Exit = Kebab(fit.Exit.ToString()),
            Iterations = fit.Iterations,
            Evaluations = fit.Evaluations,
            Starts = fit.Starts,
            StartsConverged = fit.StartsConverged,
            StartsAtBest = fit.StartsAtBest,
            GradientNorm = fit.GradientNorm,
            FreeParameters = fit.FreeParameters.ToArray(),
            Diagnostics = data.Diagnostics.Concat(fit.Diagnostics).Select(DiagnosticEntry.From).ToArray(),
            Input = new InputEntry
            {
                Path = data.Source,
                Rows = data.Count,
                Metric = data.MetricName,
                Variables = variables,
                Ranges = ranges,
            },
            Options = new OptionsEntry
            {
                Fixed = fixedValues,
                Ties = fit.Options.Ties.Select(t => (IReadOnlyList<string>)t.ToArray()).ToArray(),
                Bounds = bounds,
                MaxStarts = fit.Options.MaxStarts,
                MaxIterations = fit.Options.MaxIterations,
                CustomStarts = fit.Options.Starts is not null,
            },
        };
    }

    /// <summary>JSON name of a scale variable in <see cref="InputEntry"/>.</summary>
    public static string VariableName(ScaleVariable variable) => variable switch
    {
        _ when variable == ScaleVariable.Parameters => "parameters",
        _ when variable == ScaleVariable.Tokens => "tokens",
        _ when variable == ScaleVariable.Compute => "compute",
        _ when variable == ScaleVariable.UniqueTokens => "uniqueTokens",
        _ => variable.Symbol,
    };

    // Smallest and largest value of a variable as Enumerable.Min and Max take them: the minimum is NaN when any
    // value is, the maximum only when all are.
    private static RangeEntry Range(ReadOnlySpan<double> values)
    {
        double min = double.PositiveInfinity, max = double.NaN;
        foreach (var x in values)
        {
            if (x < min || double.IsNaN(x)) min = x;
            if (x > max || double.IsNaN(max)) max = x;
        }
        return new RangeEntry(min, max);
    }

    /// <summary>The law named by the document, from the registry.</summary>
    public ScalingLaw ResolveLaw() => LawRegistry.Get(Law);

    /// <summary>Predictions of the fitted law at <paramref name="points"/>.</summary>
    public double[] Predict(IReadOnlyList<Observation> points)
    {
        var law = ResolveLaw();
        return law.Predict(law.FromNamed(Parameters), ScalingData.From(points));
    }

    /// <summary>
    /// A warning for every point where a variable the law reads lies more than <paramref name="factor"/>
    /// times above the largest or below the smallest value fitted: scaling laws are fitted to extrapolate,
    /// but how far they can be trusted shrinks with the distance (SCIENCE.md §12).
    /// </summary>
    public IReadOnlyList<Diagnostic> Extrapolation(IReadOnlyList<Observation> points, double factor = 10)
    {
        var law = ResolveLaw();
        var result = new List<Diagnostic>();
        for (int i = 0; i < points.Count; i++)
        {
            foreach (var variable in law.Variables)
            {
                if (!Input.Ranges.TryGetValue(VariableName(variable), out var range)) continue;
                double x = points[i].Get(variable);
                var what = ColumnAliases.Describe(ColumnAliases.RoleOf(variable));
                if (x > factor * range.Max)
                {
                    result.Add(Diagnostic.Warning("extrapolation",
                        $"point {i + 1}: {what} = {Quantity.Format(x)} is {Quantity.Format(x / range.Max)} times the largest fitted ({Quantity.Format(range.Max)})"));
                }
                else if (x * factor < range.Min)
                {
                    result.Add(Diagnostic.Warning("extrapolation",
                        $"point {i + 1}: {what} = {Quantity.Format(x)} is {Quantity.Format(range.Min / x)} times below the smallest fitted ({Quantity.Format(range.Min)})"));
                }
            }
        }
        return result;
    }

    /// <summary>The document as indented JSON.</summary>
    public string ToJson() => FitDocumentWriter.ToJson(this);

    /// <summary>Writes the document to <paramref name="path"/> through a temporary file renamed into place, so no reader sees half a file.</summary>
    public void Save(string path)
    {
        var full = System.IO.Path.GetFullPath(path);
        var temp = full + ".tmp-" + Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        try
        {
            File.WriteAllText(temp, ToJson() + "\n");
            File.Move(temp, full, overwrite: true);
        }
        finally
        {
            if (File.Exists(temp)) File.Delete(temp);
        }
    }

    /// <summary>Reads a document; a missing file, invalid JSON or another schema is an <see cref="InputDataException"/>.</summary>
    public static FitDocument Load(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new InputDataException(path, null, null, ex is FileNotFoundException or DirectoryNotFoundException ? "file not found" : $"cannot be read ({ex.Message})");
        }
        return Parse(text, path);
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
                if (schema.GetString() != SchemaId)
                {
                    throw new InputDataException(sourceName, null, "schema", $"schema \"{schema.GetString()}\" is not supported (expected \"{SchemaId}\")");
                }
            }
            return JsonSerializer.Deserialize(json, FitDocumentJsonContext.Readable.FitDocument)
                ?? throw new InputDataException(sourceName, null, null, "the document is null");
        }
        catch (JsonException ex)
        {
            var line = ex.LineNumber is { } l ? $" at line {l + 1}" : "";
            throw new InputDataException(sourceName, null, null, $"not a valid fit document{line}: {ex.Message.Split(". ")[0].TrimEnd('.')}");
        }
    }

    private static string Kebab(string name)
    {
        var sb = new System.Text.StringBuilder(name.Length + 4);
        for (int i = 0; i < name.Length; i++)
        {
            if (char.IsUpper(name[i]) && i > 0) sb.Append('-');
            sb.Append(char.ToLowerInvariant(name[i]));
        }
        return sb.ToString();
    }
}
