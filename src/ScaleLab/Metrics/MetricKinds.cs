using System.Globalization;
using ScaleLab.Data;
using ScaleLab.Diagnostics;

namespace ScaleLab.Metrics;

/// <summary>
/// Names and units of the metric kinds, and the conversion of a file's metric into the space a law is stated over
/// (docs/metrics.md): a law of losses fits nats per token (ln PPL for a perplexity, bits·ln 2 for bits per token;
/// bits per byte stay bits per byte, the tokenizer-free unit); a law of errors fits 1 − accuracy (1 − F1, …); a
/// law of scores fits the score; BLEU and Elo only fit laws of BLEU and Elo. A bounded metric is never handed to
/// an unbounded law of losses.
/// </summary>
public static class MetricKinds
{
    // In the order of the enum: command-line name, unit.
    private static readonly (string Name, string Unit)[] Table =
    [
        ("nll", "nats per token"), ("perplexity", "perplexity"), ("bits-per-byte", "bits per byte"), ("bits-per-token", "bits per token"),
        ("accuracy", "fraction"), ("error", "fraction"), ("f1", "fraction"), ("precision", "fraction"), ("recall", "fraction"),
        ("mse", "squared error"), ("mae", "absolute error"), ("bleu", "BLEU points (0-100)"), ("elo", "Elo points"),
    ];

    /// <summary>Every kind's command-line name, in the enum's order.</summary>
    public static IReadOnlyList<string> Names { get; } = Table.Select(t => t.Name).ToArray();

    /// <summary>The command-line name, e.g. <c>bits-per-byte</c>.</summary>
    public static string Name(MetricKind kind) => Table[(int)kind].Name;

    /// <summary>The unit the kind is measured in, e.g. <c>nats per token</c>.</summary>
    public static string Unit(MetricKind kind) => Table[(int)kind].Unit;

    /// <summary>Reads a kind by name (also <c>ppl</c>, <c>bpb</c>, <c>acc</c>, <c>ce</c>, <c>cross-entropy</c>), ignoring case.</summary>
    /// <exception cref="ArgumentException">Not a kind; the message lists the kinds.</exception>
    public static MetricKind Parse(string text)
    {
        var key = text.Trim().ToLowerInvariant().Replace('_', '-');
        for (int k = 0; k < Table.Length; k++) if (Table[k].Name == key) return (MetricKind)k;
        return key switch
        {
            "ppl" => MetricKind.Perplexity,
            "bpb" => MetricKind.BitsPerByte,
            "acc" => MetricKind.Accuracy,
            "ce" or "cross-entropy" or "loss" => MetricKind.Nll,
            _ => throw new ArgumentException($"unknown metric kind '{text}' (use {string.Join(", ", Names)})"),
        };
    }

    /// <summary>The name of a space for messages: <c>a loss</c>, <c>an error in [0, 1]</c>, ….</summary>
    public static string Describe(MetricSpace space) => space switch
    {
        MetricSpace.Loss => "a loss (nats per token, or a regression error)",
        MetricSpace.Error => "an error in [0, 1]",
        MetricSpace.Score => "a score in [0, 1] (accuracy, coverage)",
        MetricSpace.Bleu => "BLEU (0-100)",
        MetricSpace.Elo => "an Elo rating",
        _ => "any positive metric that falls with scale",
    };

    /// <summary>
    /// How a metric of <paramref name="kind"/> enters a law over <paramref name="space"/>: the map, the unit fitted and
    /// a formula for messages (<c>1 - acc</c>).
    /// </summary>
    /// <exception cref="ArgumentException">The kind cannot be fitted in that space (accuracy by a law of losses, say).</exception>
    public static (Func<double, double> Map, string Unit, string Formula) Conversion(MetricKind kind, MetricSpace space, string column = "y")
    {
        bool loss = kind is MetricKind.Nll or MetricKind.Perplexity or MetricKind.BitsPerByte or MetricKind.BitsPerToken or MetricKind.Mse or MetricKind.Mae;
        bool fraction = kind is MetricKind.Accuracy or MetricKind.Error or MetricKind.F1 or MetricKind.Precision or MetricKind.Recall;
        Func<double, double> identity = x => x;
        if (loss && space is MetricSpace.Loss or MetricSpace.Generic)
        {
            return kind switch
            {
                MetricKind.Perplexity => (MetricConversions.NatsFromPerplexity, "nats per token", $"ln {column}"),
                MetricKind.BitsPerToken => (MetricConversions.NatsFromBits, "nats per token", $"{column}·ln 2"),
                _ => (identity, Unit(kind), column),
            };
        }
        if (fraction && space is MetricSpace.Error or MetricSpace.Generic or MetricSpace.Score)
        {
            bool flip = (kind == MetricKind.Error) == (space == MetricSpace.Score);
            var fitted = space == MetricSpace.Score ? "score" : "error";
            return flip ? (MetricConversions.Complement, $"{fitted} (fraction)", $"1 - {column}") : (identity, $"{fitted} (fraction)", column);
        }
        if ((kind == MetricKind.Bleu && space == MetricSpace.Bleu) || (kind == MetricKind.Elo && space == MetricSpace.Elo)) return (identity, Unit(kind), column);
        var hint = fraction && space == MetricSpace.Loss
            ? "; a bounded metric needs a bounded law (zhai, m4, sigmoid-link, exp-error-link) or a generic one (power-law-n, bnsl) on its error"
            : "";
        throw new ArgumentException($"a law stated over {Describe(space)} cannot be fitted to {Name(kind)} ({Unit(kind)}){hint}");
    }

    /// <summary>
    /// The set with its metric converted from <paramref name="kind"/> into <paramref name="space"/>, and a note saying
    /// what was fitted in which unit. Values outside the kind's range (an accuracy of 57, a perplexity below 1) are
    /// bad input naming the row. The metric keeps its column name (later commands read that column again).
    /// </summary>
    /// <exception cref="InputDataException">A value outside the range of its kind.</exception>
    /// <exception cref="ArgumentException">The kind cannot be fitted in that space.</exception>
    public static ObservationSet Convert(ObservationSet set, MetricKind kind, MetricSpace space, string lawName)
    {
        var (map, unit, formula) = Conversion(kind, space, set.MetricName);
        var metric = set.Metric;
        var rows = set.Rows;
        for (int i = 0; i < metric.Length; i++)
        {
            if (double.IsNaN(metric[i])) continue;
            if (OutOfRange(kind, metric[i]) is { } reason)
            {
                throw new InputDataException(set.Source, rows[i], set.MetricName,
                    $"{metric[i].ToString("R", CultureInfo.InvariantCulture)} is not {reason}, as --metric-kind {Name(kind)} needs");
            }
        }
        var note = Diagnostic.Info("metric-kind",
            $"metric '{set.MetricName}' is {Name(kind)} ({Unit(kind)}); {lawName} is stated over {Describe(space)}, so it is fitted to {formula} in {unit}");
        var converted = set.Observations.Select(o => double.IsNaN(o.Metric) ? o : o with { Metric = map(o.Metric) });
        return new ObservationSet(set.Source, set.MetricName, converted, [.. set.Diagnostics, note], set.PresentVariables);
    }

    private static string? OutOfRange(MetricKind kind, double value) => kind switch
    {
        _ when !double.IsFinite(value) => "a finite number",
        MetricKind.Accuracy or MetricKind.Error or MetricKind.F1 or MetricKind.Precision or MetricKind.Recall when value is < 0 or > 1 =>
            "a fraction in [0, 1] (divide a percentage by 100)",
        MetricKind.Perplexity when value < 1 => "a perplexity (at least 1)",
        MetricKind.Bleu when value is < 0 or > 100 => "a BLEU score in [0, 100]",
        MetricKind.Nll or MetricKind.BitsPerByte or MetricKind.BitsPerToken or MetricKind.Mse or MetricKind.Mae when value < 0 => "a non-negative loss",
        _ => null,
    };
}
