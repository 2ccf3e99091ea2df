using ScaleLab.Data;
using ScaleLab.Metrics;
using ScaleLab.Tests.Laws;

namespace ScaleLab.Tests.Metrics;

/// <summary>What each metric kind becomes in each law's space, and bad values.</summary>
public class MetricKindsTests
{
    private static ObservationSet Set(params double[] metric) =>
        new("test.csv", "y", metric.Select((m, i) => Observation.FromParametersAndTokens(1e8 * (i + 1), 1e9, m) with { Row = i + 1 }));

    [Theory]
    [InlineData("accuracy", MetricSpace.Error, 0.8, 0.2)]
    [InlineData("f1", MetricSpace.Generic, 0.75, 0.25)]
    [InlineData("precision", MetricSpace.Error, 0.9, 0.1)]
    [InlineData("recall", MetricSpace.Error, 0.6, 0.4)]
    [InlineData("error", MetricSpace.Error, 0.3, 0.3)]
    [InlineData("error", MetricSpace.Score, 0.3, 0.7)]
    [InlineData("acc", MetricSpace.Score, 0.3, 0.3)]
    [InlineData("nll", MetricSpace.Loss, 2.0, 2.0)]
    [InlineData("perplexity", MetricSpace.Loss, 7.38905609893065, 2.0)]
    [InlineData("bits-per-token", MetricSpace.Loss, 2.8853900817779268, 2.0)]
    [InlineData("bpb", MetricSpace.Loss, 0.9, 0.9)]
    [InlineData("mse", MetricSpace.Generic, 0.04, 0.04)]
    [InlineData("bleu", MetricSpace.Bleu, 27.5, 27.5)]
    [InlineData("elo", MetricSpace.Elo, -350, -350)]
    public void Convert_MapsTheKindIntoTheSpace(string kind, MetricSpace space, double value, double expected)
    {
        var converted = MetricKinds.Convert(Set(value, value), MetricKinds.Parse(kind), space, "law");
        LawFormulaTests.AssertRelative(expected, converted.Metric[0], 1e-14);
        Assert.Equal("y", converted.MetricName);
        Assert.Equal(2, converted.Count);
        var note = Assert.Single(converted.Diagnostics, d => d.Code == "metric-kind");
        Assert.Contains("law is stated over", note.Message);
        // The rest of each observation is untouched.
        Assert.Equal(2e8, converted.Values(ScaleVariable.Parameters)[1]);
    }

    [Theory]
    [InlineData("accuracy", MetricSpace.Loss)]
    [InlineData("bleu", MetricSpace.Loss)]
    [InlineData("nll", MetricSpace.Error)]
    [InlineData("elo", MetricSpace.Generic)]
    [InlineData("perplexity", MetricSpace.Bleu)]
    public void Convert_RefusesAKindTheLawIsNotStatedOver(string kind, MetricSpace space)
    {
        var error = Assert.Throws<ArgumentException>(() => MetricKinds.Conversion(MetricKinds.Parse(kind), space));
        Assert.Contains("cannot be fitted to", error.Message);
    }

    [Theory]
    [InlineData("accuracy", 1.2, "a fraction in [0, 1]")]
    [InlineData("error", -0.1, "a fraction in [0, 1]")]
    [InlineData("perplexity", 0.5, "a perplexity (at least 1)")]
    [InlineData("bleu", 120, "a BLEU score in [0, 100]")]
    [InlineData("nll", double.PositiveInfinity, "a finite number")]
    public void Convert_ValueOutsideItsKind_NamesTheRow(string kind, double bad, string reason)
    {
        var kindValue = MetricKinds.Parse(kind);
        var space = kindValue is MetricKind.Bleu ? MetricSpace.Bleu : kindValue is MetricKind.Nll or MetricKind.Perplexity ? MetricSpace.Loss : MetricSpace.Error;
        var good = kindValue is MetricKind.Perplexity ? 2.0 : 0.5;
        var error = Assert.Throws<InputDataException>(() => MetricKinds.Convert(Set(good, bad), kindValue, space, "law"));
        Assert.Equal(2, error.Row);
        Assert.Equal("y", error.Column);
        Assert.Contains(reason, error.Message);
    }

    [Fact]
    public void Names_RoundTripAndUnitsAreStated()
    {
        foreach (var kind in Enum.GetValues<MetricKind>())
        {
            Assert.Equal(kind, MetricKinds.Parse(MetricKinds.Name(kind)));
            Assert.False(string.IsNullOrEmpty(MetricKinds.Unit(kind)));
        }
        Assert.Equal(13, MetricKinds.Names.Count);
        Assert.Throws<ArgumentException>(() => MetricKinds.Parse("accuracies"));
    }
}
