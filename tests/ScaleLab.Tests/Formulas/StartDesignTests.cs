using ScaleLab.Formulas;
using ScaleLab.Formulas.Starts;

namespace ScaleLab.Tests.Formulas;

/// <summary>The Sobol start design: the sequence itself, bounds, log spacing, named starts and the errors.</summary>
public class StartDesignTests
{
    [Fact]
    public void Sobol_FirstPoints_MatchSciPyUnscrambled()
    {
        // scipy.stats.qmc.Sobol(d=6, scramble=False).random(8) (SciPy 1.10, Joe–Kuo direction numbers).
        double[][] expected =
        [
            [0, 0, 0, 0, 0, 0], [0.5, 0.5, 0.5, 0.5, 0.5, 0.5], [0.75, 0.25, 0.25, 0.25, 0.75, 0.75], [0.25, 0.75, 0.75, 0.75, 0.25, 0.25],
            [0.375, 0.375, 0.625, 0.875, 0.375, 0.125], [0.875, 0.875, 0.125, 0.375, 0.875, 0.625], [0.625, 0.125, 0.875, 0.625, 0.625, 0.875],
            [0.125, 0.625, 0.375, 0.125, 0.125, 0.375],
        ];
        var sobol = new SobolSequence(6);
        foreach (var row in expected) Assert.Equal(row, sobol.Next());
        // Point 15 in 32 dimensions, scipy.stats.qmc.Sobol(d=32, scramble=False).random(16)[15].
        var wide = new SobolSequence(32);
        double[] last = [];
        for (int k = 0; k < 16; k++) last = wide.Next();
        Assert.Equal([0.0625, 0.9375, 0.5625, 0.3125, 0.6875, 0.1875, 0.8125, 0.3125, 0.3125, 0.6875, 0.0625, 0.1875, 0.3125, 0.5625, 0.9375, 0.8125,
            0.9375, 0.9375, 0.3125, 0.6875, 0.8125, 0.8125, 0.5625, 0.8125, 0.3125, 0.6875, 0.1875, 0.8125, 0.3125, 0.5625, 0.8125, 0.1875], last);
    }

    private static readonly FormulaParameter[] Chinchilla =
    [
        new("E") { Lower = 0, Upper = 10, StartLower = 0.5, StartUpper = 3 },
        new("A") { Lower = 1e-3, Upper = 1e10 },
        new("B") { Lower = 1e-3, Upper = 1e10, Log = true },
        new("alpha") { Lower = 0, Upper = 2 },
        new("beta") { Lower = 0, Upper = 2, Fixed = 0.28 },
    ];

    [Fact]
    public void Generate_StaysInTheStartRanges_SpreadsWideScalesInLogSpace_KeepsFixedValues()
    {
        var starts = StartDesign.Generate(Chinchilla, 64, seed: 7);
        Assert.Equal(64, starts.Count);
        Assert.All(starts, s =>
        {
            Assert.InRange(s.Values[0], 0.5, 3);
            Assert.InRange(s.Values[1], 1e-3, 1e10);
            Assert.InRange(s.Values[3], 0, 2);
            Assert.Equal(0.28, s.Values[4]);
        });
        // A spans 13 decades: in log space about half the starts are below 10^3.5, not 1 in 10^6.5 as uniformly.
        Assert.InRange(starts.Count(s => s.Values[1] < Math.Pow(10, 3.5)), 24, 40);
        Assert.True(Chinchilla[1].SearchesInLogSpace);
        Assert.False(Chinchilla[3].SearchesInLogSpace);
        // Each free coordinate's 64 values are spread over the range: one per 1/64 stratum.
        var strata = starts.Select(s => (int)Math.Floor(64 * (s.Values[3] / 2))).Distinct().Count();
        Assert.Equal(64, strata);
    }

    [Fact]
    public void Generate_IsDeterministicForASeed_AndDiffersBetweenSeeds()
    {
        var a = StartDesign.Generate(Chinchilla, 16, seed: 1);
        var b = StartDesign.Generate(Chinchilla, 16, seed: 1);
        var c = StartDesign.Generate(Chinchilla, 16, seed: 2);
        Assert.Equal(a.Select(s => s.Values), b.Select(s => s.Values));
        Assert.NotEqual(a[0].Values, c[0].Values);
    }

    [Fact]
    public void Generate_NamedStartsComeFirst_MissingValuesAtTheMiddle()
    {
        var published = new NamedStart("published", new Dictionary<string, double> { ["E"] = 1.69, ["A"] = 406.4, ["alpha"] = 0.34 });
        var starts = StartDesign.Generate(Chinchilla, 2, seed: 0, [published]);
        Assert.Equal(["published", "sobol 1", "sobol 2"], starts.Select(s => s.Name));
        Assert.Equal(1.69, starts[0].Values[0]);
        Assert.Equal(Math.Sqrt(1e-3 * 1e10), starts[0].Values[2], 6); // B: geometric middle of its log range
        Assert.Equal(0.28, starts[0].Values[4]);
    }

    [Fact]
    public void Generate_ParameterWithoutBounds_NamesIt()
    {
        FormulaParameter[] parameters = [new("E") { Lower = 0, Upper = 10 }, new("alpha") { Lower = 0 }];
        var ex = Assert.Throws<ArgumentException>(() => StartDesign.Generate(parameters, 8, 0));
        Assert.StartsWith("parameter 'alpha' needs a finite range for the start search (it has [0, Infinity])", ex.Message);
        Assert.Contains("--bound alpha=LO:HI", ex.Message);
    }

    [Fact]
    public void Generate_LogParameterWithNonPositiveRange_IsAnError()
    {
        FormulaParameter[] parameters = [new("E") { Lower = 0, Upper = 10, Log = true }];
        var ex = Assert.Throws<ArgumentException>(() => StartDesign.Generate(parameters, 8, 0));
        Assert.StartsWith("parameter 'E' is searched in log space, but its start range [0, 10] is not positive", ex.Message);
    }

    [Theory]
    [InlineData("Alpha", 0.3, "start 'bad' sets 'Alpha', which is not a parameter; did you mean 'alpha'?")]
    [InlineData("alpha", 3.0, "start 'bad' puts 'alpha' at 3, outside its bounds [0, 2].")]
    [InlineData("beta", 0.3, "start 'bad' sets 'beta', which is fixed at 0.28.")]
    public void Generate_BadNamedStart_IsAnError(string name, double value, string message)
    {
        var bad = new NamedStart("bad", new Dictionary<string, double> { [name] = value });
        Assert.Equal(message, Assert.Throws<ArgumentException>(() => StartDesign.Generate(Chinchilla, 0, 0, [bad])).Message);
    }
}
