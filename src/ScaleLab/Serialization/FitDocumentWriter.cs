using System.Buffers;
using System.Text;
using System.Text.Json;
using ScaleLab.Uncertainty;

namespace ScaleLab.Serialization;

/// <summary>
/// Writes a <see cref="FitDocument"/> with <see cref="Utf8JsonWriter"/> directly (with the settings and number policy of
/// <see cref="JsonOutput"/>, the one JSON convention), producing exactly what
/// <see cref="FitDocumentJsonContext.Readable"/> serializes (camelCase properties in declaration order, null
/// properties left out, dictionary keys as they are, NaN and infinities as strings, indented, relaxed escaping).
/// <c>scalelab fit --json</c> prints one document per process: building the serializer's metadata for the
/// document's types costs start-up time (generic code over doubles and nullables compiled just in time) that a
/// straight writer does not. Reading stays with the serializer; a test holds the two outputs equal.
/// </summary>
internal static class FitDocumentWriter
{
    /// <summary>The document as indented JSON.</summary>
    public static string ToJson(FitDocument document)
    {
        var buffer = new ArrayBufferWriter<byte>(16384);
        using (var writer = new Utf8JsonWriter(buffer, JsonOutput.WriterOptions))
        {
            Write(writer, document);
        }
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static void Write(Utf8JsonWriter w, FitDocument d)
    {
        w.WriteStartObject();
        String(w, "schema", d.Schema);
        String(w, "law", d.Law);
        String(w, "formula", d.Formula);
        String(w, "reference", d.Reference);
        if (d.FormulaLaw is { } formula) FormulaLaw(w, formula);
        Numbers(w, "parameters", d.Parameters);
        Numbers(w, "derived", d.Derived);
        Intervals(w, "intervals", d.Intervals);
        if (d.Objective is { } objective)
        {
            w.WriteStartObject("objective");
            String(w, "name", objective.Name);
            Number(w, "value", objective.Value);
            if (objective.Delta is { } delta) Number(w, "delta", delta);
            if (objective.NegativeWeight is { } weight) Number(w, "negativeWeight", weight);
            w.WriteEndObject();
        }
        String(w, "status", d.Status);
        String(w, "exit", d.Exit);
        w.WriteNumber("iterations", d.Iterations);
        w.WriteNumber("evaluations", d.Evaluations);
        w.WriteNumber("starts", d.Starts);
        w.WriteNumber("startsConverged", d.StartsConverged);
        w.WriteNumber("startsAtBest", d.StartsAtBest);
        if (d.BestStart is { } bestStart) w.WriteNumber("bestStart", bestStart);
        Number(w, "gradientNorm", d.GradientNorm);
        Strings(w, "freeParameters", d.FreeParameters);
        if (d.Diagnostics is { } diagnostics)
        {
            w.WriteStartArray("diagnostics");
            foreach (var entry in diagnostics)
            {
                if (entry is null)
                {
                    w.WriteNullValue();
                    continue;
                }
                w.WriteStartObject();
                String(w, "severity", entry.Severity);
                String(w, "code", entry.Code);
                String(w, "message", entry.Message);
                String(w, "stage", entry.Stage);
                w.WriteEndObject();
            }
            w.WriteEndArray();
        }
        if (d.Input is { } input)
        {
            w.WriteStartObject("input");
            String(w, "path", input.Path);
            w.WriteNumber("rows", input.Rows);
            String(w, "metric", input.Metric);
            Strings(w, "variables", input.Variables);
            NamedObjects(w, "ranges", input.Ranges, (w, range) =>
            {
                Number(w, "min", range.Min);
                Number(w, "max", range.Max);
            });
            w.WriteEndObject();
        }
        if (d.Options is { } options)
        {
            w.WriteStartObject("options");
            Numbers(w, "fixed", options.Fixed);
            if (options.Ties is { } ties)
            {
                w.WriteStartArray("ties");
                foreach (var tie in ties)
                {
                    if (tie is null) w.WriteNullValue();
                    else StringValues(w, tie);
                }
                w.WriteEndArray();
            }
            NamedObjects(w, "bounds", options.Bounds, (w, bound) =>
            {
                Number(w, "lower", bound.Lower);
                Number(w, "upper", bound.Upper);
            });
            if (options.MaxStarts is { } maxStarts) w.WriteNumber("maxStarts", maxStarts);
            w.WriteNumber("maxIterations", options.MaxIterations);
            w.WriteBoolean("customStarts", options.CustomStarts);
            w.WriteEndObject();
        }
        if (d.Bootstrap is { } bootstrap)
        {
            w.WriteStartObject("bootstrap");
            w.WriteNumber("resamples", bootstrap.Resamples);
            w.WriteNumber("failed", bootstrap.Failed);
            w.WriteNumber("seed", bootstrap.Seed);
            String(w, "clusterBy", bootstrap.ClusterBy);
            if (bootstrap.Clusters is { } clusters) w.WriteNumber("clusters", clusters);
            if (bootstrap.FailedResamples is { } failedResamples)
            {
                w.WriteStartArray("failedResamples");
                foreach (var index in failedResamples) w.WriteNumberValue(index);
                w.WriteEndArray();
            }
            if (bootstrap.Samples is { } samples)
            {
                w.WriteStartArray("samples");
                foreach (var sample in samples)
                {
                    if (sample is null)
                    {
                        w.WriteNullValue();
                        continue;
                    }
                    w.WriteStartArray();
                    foreach (var value in sample) NumberValue(w, value);
                    w.WriteEndArray();
                }
                w.WriteEndArray();
            }
            if (bootstrap.LogResiduals is { } residuals)
            {
                w.WriteStartArray("logResiduals");
                foreach (var value in residuals) NumberValue(w, value);
                w.WriteEndArray();
            }
            w.WriteEndObject();
        }
        Intervals(w, "profileIntervals", d.ProfileIntervals);
        if (d.LikelihoodRatio is { } lr)
        {
            w.WriteStartObject("likelihoodRatio");
            Numbers(w, "hypothesis", lr.Hypothesis);
            Number(w, "statistic", lr.Statistic);
            w.WriteNumber("df", lr.Df);
            Number(w, "pValue", lr.PValue);
            Number(w, "objectiveFit", lr.ObjectiveFit);
            Number(w, "objectiveHypothesis", lr.ObjectiveHypothesis);
            String(w, "likelihood", lr.Likelihood);
            w.WriteEndObject();
        }
        if (d.Analysis is { } analysis)
        {
            w.WriteStartObject("analysis");
            Number(w, "level", analysis.Level);
            String(w, "interval", analysis.Interval);
            if (analysis.Budget is { } budget) Number(w, "budget", budget);
            w.WriteBoolean("profile", analysis.Profile);
            if (analysis.Profiles is { } profiles)
            {
                w.WriteStartArray("profiles");
                foreach (var p in profiles)
                {
                    if (p is null)
                    {
                        w.WriteNullValue();
                        continue;
                    }
                    w.WriteStartObject();
                    String(w, "parameter", p.Parameter);
                    Number(w, "estimate", p.Estimate);
                    if (p.Interval is { } interval)
                    {
                        w.WriteStartObject("interval");
                        IntervalMembers(w, interval);
                        w.WriteEndObject();
                    }
                    w.WriteBoolean("flatLower", p.FlatLower);
                    w.WriteBoolean("flatUpper", p.FlatUpper);
                    Number(w, "searchedLower", p.SearchedLower);
                    Number(w, "searchedUpper", p.SearchedUpper);
                    if (p.Points is { } points)
                    {
                        w.WriteStartArray("points");
                        foreach (var point in points)
                        {
                            if (point is null)
                            {
                                w.WriteNullValue();
                                continue;
                            }
                            w.WriteStartArray();
                            foreach (var value in point) NumberValue(w, value);
                            w.WriteEndArray();
                        }
                        w.WriteEndArray();
                    }
                    w.WriteEndObject();
                }
                w.WriteEndArray();
            }
            w.WriteEndObject();
        }
        w.WriteEndObject();
    }

    private static void FormulaLaw(Utf8JsonWriter w, FormulaLawEntry law)
    {
        w.WriteStartObject("formulaLaw");
        String(w, "formula", law.Formula);
        Strings(w, "definitions", law.Definitions);
        Texts(w, "variables", law.Variables);
        NamedObjects(w, "parameters", law.Parameters, (w, p) =>
        {
            Number(w, "lower", p.Lower);
            Number(w, "upper", p.Upper);
            w.WriteBoolean("log", p.Log);
            if (p.Fixed is { } value) Number(w, "fixed", value);
            if (p.Start is { } start)
            {
                w.WriteStartArray("start");
                foreach (var v in start) NumberValue(w, v);
                w.WriteEndArray();
            }
            String(w, "description", p.Description);
        });
        if (law.Target is { } target)
        {
            w.WriteStartObject("target");
            String(w, "column", target.Column);
            String(w, "space", target.Space);
            String(w, "loss", target.Loss);
            if (target.Delta is { } delta) Number(w, "delta", delta);
            w.WriteEndObject();
        }
        Texts(w, "derived", law.Derived);
        String(w, "cost", law.Cost);
        String(w, "citation", law.Citation);
        String(w, "description", law.Description);
        String(w, "file", law.File);
        w.WriteEndObject();
    }

    private static void Texts(Utf8JsonWriter w, string name, IReadOnlyDictionary<string, string>? values)
    {
        if (values is null) return;
        w.WriteStartObject(name);
        foreach (var (key, value) in values)
        {
            if (value is null) w.WriteNull(key);
            else w.WriteString(key, value);
        }
        w.WriteEndObject();
    }

    private static void IntervalMembers(Utf8JsonWriter w, Interval interval)
    {
        Number(w, "lower", interval.Lower);
        Number(w, "upper", interval.Upper);
        Number(w, "level", interval.Level);
        String(w, "method", interval.Method);
        if (interval.Samples is { } samples) w.WriteNumber("samples", samples);
    }

    private static void Intervals(Utf8JsonWriter w, string name, IReadOnlyDictionary<string, Interval>? intervals) =>
        NamedObjects(w, name, intervals, IntervalMembers);

    /// <summary>An object of named entries, each written as an object by <paramref name="members"/> (or null, as the serializer writes it).</summary>
    private static void NamedObjects<T>(Utf8JsonWriter w, string name, IReadOnlyDictionary<string, T>? entries, Action<Utf8JsonWriter, T> members)
        where T : class
    {
        if (entries is null) return;
        w.WriteStartObject(name);
        foreach (var (key, entry) in entries)
        {
            w.WritePropertyName(key);
            if (entry is null)
            {
                w.WriteNullValue();
                continue;
            }
            w.WriteStartObject();
            members(w, entry);
            w.WriteEndObject();
        }
        w.WriteEndObject();
    }

    private static void Numbers(Utf8JsonWriter w, string name, IReadOnlyDictionary<string, double>? values)
    {
        if (values is null) return;
        w.WriteStartObject(name);
        foreach (var (key, value) in values)
        {
            w.WritePropertyName(key);
            NumberValue(w, value);
        }
        w.WriteEndObject();
    }

    private static void Strings(Utf8JsonWriter w, string name, IReadOnlyList<string>? values)
    {
        if (values is null) return;
        w.WritePropertyName(name);
        StringValues(w, values);
    }

    private static void StringValues(Utf8JsonWriter w, IReadOnlyList<string> values)
    {
        w.WriteStartArray();
        foreach (var value in values)
        {
            if (value is null) w.WriteNullValue();
            else w.WriteStringValue(value);
        }
        w.WriteEndArray();
    }

    // A null property is left out, as the serializer's WhenWritingNull does.
    private static void String(Utf8JsonWriter w, string name, string? value)
    {
        if (value is not null) w.WriteString(name, value);
    }

    private static void Number(Utf8JsonWriter w, string name, double value)
    {
        w.WritePropertyName(name);
        NumberValue(w, value);
    }

    // The one policy (AllowNamedFloatingPointLiterals): NaN and the infinities as the strings "NaN", "Infinity", "-Infinity".
    private static void NumberValue(Utf8JsonWriter w, double value) => JsonOutput.WriteNumber(w, value);
}
