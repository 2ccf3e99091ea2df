using ScaleLab.Data;

namespace ScaleLab.Tests.Data;

public class ScaleVariableTests
{
    [Fact]
    public void Named_ReturnsTheWellKnownVariables_AndIsCaseSensitive()
    {
        Assert.Equal(ScaleVariable.Parameters, ScaleVariable.Named("N"));
        Assert.Equal(ScaleVariable.UniqueTokens, ScaleVariable.Named("U_D"));
        Assert.True(ScaleVariable.Compute.IsWellKnown);
        var v = ScaleVariable.Named("V");
        Assert.False(v.IsWellKnown);
        Assert.Equal(v, ScaleVariable.Named(" V "));
        Assert.NotEqual(ScaleVariable.Named("s"), ScaleVariable.Named("S"));
        Assert.NotEqual(ScaleVariable.Parameters, ScaleVariable.Named("n"));
        Assert.Contains("not a variable symbol", Assert.Throws<ArgumentException>(() => ScaleVariable.Named("2x")).Message);
    }

    [Fact]
    public void Parse_ReadsTheNamesEarlierVersionsStored()
    {
        foreach (var v in ScaleVariable.WellKnown) Assert.Equal(v, ScaleVariable.Parse(v.ToString()));
        Assert.Equal("Parameters", ScaleVariable.Parameters.ToString());
        Assert.Equal(ScaleVariable.Tokens, ScaleVariable.Parse("tokens"));
        Assert.Equal(ScaleVariable.Named("lr"), ScaleVariable.Parse("lr"));
        Assert.Equal([ScaleVariable.Parameters, ScaleVariable.Tokens, ScaleVariable.Compute, ScaleVariable.UniqueTokens, ScaleVariable.Named("E"), ScaleVariable.Named("V")],
            new[] { ScaleVariable.Named("V"), ScaleVariable.UniqueTokens, ScaleVariable.Named("E"), ScaleVariable.Compute, ScaleVariable.Tokens, ScaleVariable.Parameters }.Order());
    }

    [Fact]
    public void ScalingData_HoldsNamedVariables_AndRefusesAbsentOnes()
    {
        var v = ScaleVariable.Named("V");
        var data = ScalingData.Create([new(ScaleVariable.Parameters, [1e9, 2e9]), new(v, [32000, 128000])], [2.5, 2.4]);
        Assert.Equal([32000.0, 128000.0], data.Values(v).ToArray());
        Assert.Equal(Math.Log(128000), data.Logs(v)[1]);
        Assert.True(data.Has(ScaleVariable.Parameters));
        Assert.False(data.Has(ScaleVariable.Tokens));
        Assert.Contains("the data hold no tokens D", Assert.Throws<ArgumentException>(() => data.Values(ScaleVariable.Tokens).Length).Message);
        var resampled = data.Select([1, 1, 0]);
        Assert.Equal([128000.0, 128000.0, 32000.0], resampled.Values(v).ToArray());
        Assert.Equal([ScaleVariable.Parameters, v], data.Variables);
    }

    [Fact]
    public void LearningCurve_HoldsOnlyItsVariable()
    {
        var set = ObservationReader.ReadCsv(new StringReader("dataset_size,loss\n100,2.1\n200,1.9\n"), "curve.csv");
        Assert.Equal([ScaleVariable.Tokens], set.PresentVariables);
        Assert.False(set.Has(ScaleVariable.Parameters));
        var row = set.Observations[0];
        Assert.False(row.Has(ScaleVariable.Parameters));
        Assert.Null(row.Find(ScaleVariable.Parameters));
        Assert.Throws<MissingVariableException>(() => row.Parameters);
        Assert.Equal([ScaleVariable.Tokens, ScaleVariable.UniqueTokens], ScalingData.From(set.Observations).Variables);
        Assert.False(ScalingData.From(set).Has(ScaleVariable.Parameters));
        Assert.Contains("Tokens = 100", row.ToString());
    }

    [Fact]
    public void VarOption_BindsANamedVariable()
    {
        var mapping = new ColumnMapping { Require = [ScaleVariable.Named("V")] }.Bind(ScaleVariable.Named("V"), "vocab");
        var set = ObservationReader.ReadCsv(new StringReader("N,D,vocab,loss\n1e9,1e10,32000,2.5\n2e9,1e10,64000,2.4\n"), "v.csv", mapping);
        Assert.Equal([32000.0, 64000.0], set.Values(ScaleVariable.Named("V")).ToArray());
        Assert.Equal(64000, set.Observations[1].Get(ScaleVariable.Named("V")));
        Assert.DoesNotContain("vocab", set.Observations[0].Tags.Keys);
        // A symbol equal to a column name needs no binding.
        var same = ObservationReader.ReadCsv(new StringReader("N,D,E,loss\n1e9,1e10,8,2.5\n"), "e.csv", new ColumnMapping { Require = [ScaleVariable.Named("E")] });
        Assert.Equal(8, same.Values(ScaleVariable.Named("E"))[0]);
        var missing = Assert.Throws<InputDataException>(() =>
            ObservationReader.ReadCsv(new StringReader("N,D,loss\n1e9,1e10,2.5\n"), "k.csv", new ColumnMapping { Require = [ScaleVariable.Named("K")] }));
        Assert.Contains("no column for variable K; bind it with --var K=COLUMN", missing.Message);
    }
}
