using ScaleLab.Analysis;
using ScaleLab.Data;
using ScaleLab.Fitting;
using ScaleLab.Laws;
using ScaleLab.Planning;
using ScaleLab.Plots.Model;
using ScaleLab.Tests.Support;
using ScaleLab.Quantities;

namespace ScaleLab.Tests.Plots;

public class ScalingPlotsTests
{
    // Hoffmann et al. 2022 eq. 10, unrounded (docs/science.md §3): E, A, B, alpha, beta.
    private const double E = 1.69337368, A = 406.401018, B = 410.722827, Alpha = 0.33917084, Beta = 0.2849083;

    private static double Chinchilla(double n, double d, double e = E, double a = A, double b = B, double alpha = Alpha, double beta = Beta) =>
        e + a / Math.Pow(n, alpha) + b / Math.Pow(d, beta);

    private static FittedLaw Published() =>
        Fits.At(ChinchillaLaw.Instance, new Dictionary<string, double> { ["E"] = E, ["A"] = A, ["B"] = B, ["alpha"] = Alpha, ["beta"] = Beta });

    private static FitAnalysis Bootstrapped(IReadOnlyList<double[]> samples) => Fits.Bootstrapped(Published(), samples);

    /// <summary>Runs at two token counts two decades apart (so each is its own colour class), losses exactly on the law.</summary>
    private static ObservationSet TwoTokenCounts()
    {
        var rows = new List<Observation>();
        foreach (var d in new[] { 1e9, 1e11 })
        foreach (var n in new[] { 1e8, 3e8, 1e9, 3e9 })
            rows.Add(Observation.FromParametersAndTokens(n, d, Chinchilla(n, d)));
        return new ObservationSet("synthetic", "loss", rows);
    }

    [Fact]
    public void LossAgainstN_FittedCurveAtEachTokenCount_EqualsTheFormula()
    {
        var spec = ScalingPlots.LossAgainst(ScaleVariable.Parameters, TwoTokenCounts(), Published());
        Assert.True(spec.X.Log && spec.Y.Log);
        Assert.Equal("parameters", spec.X.Unit);
        var lines = spec.Series.Where(s => s.Kind == SeriesKind.Line).ToArray();
        Assert.Equal(2, lines.Length);
        foreach (var (line, d) in lines.Zip(new[] { 1e9, 1e11 }))
        {
            Assert.Equal(ScalingPlots.CurvePoints, line.X.Length);
            // The curve spans the class's N range widened by 1.25 on each side.
            Assert.Equal(1e8 / 1.25, line.X[0], 1e-6);
            Assert.Equal(3e9 * 1.25, line.X[^1], 1e-3);
            for (int i = 0; i < line.X.Length; i++) Assert.Equal(Chinchilla(line.X[i], d), line.Y[i], 1e-12);
        }
        // Every run is drawn once, at its own (N, loss).
        var points = spec.Series.Where(s => s.Kind == SeriesKind.Points).ToArray();
        Assert.Equal(8, points.Sum(p => p.X.Length));
        Assert.All(points, p => Assert.All(p.X.Zip(p.Y), xy => Assert.Contains(xy.First, new[] { 1e8, 3e8, 1e9, 3e9 })));
        Assert.DoesNotContain(spec.Series, s => s.Kind == SeriesKind.Band);
    }

    [Fact]
    public void LossAgainstC_DrawsTheComputeOptimalEnvelopeBelowEveryRun()
    {
        var data = TwoTokenCounts();
        var spec = ScalingPlots.LossAgainst(ScaleVariable.Compute, data, Published());
        var envelope = spec.Find("compute-optimal L*(C)");
        Assert.NotNull(envelope);
        Assert.True(envelope!.Dashed);
        // L*(C) is the minimum over N at fixed C, so no run lies below it.
        foreach (var o in data.Observations)
        {
            int i = Array.FindIndex(envelope.X, c => c >= o.Compute.Value);
            if (i <= 0) continue;
            Assert.True(o.Metric >= Math.Min(envelope.Y[i - 1], envelope.Y[i]) - 1e-9, $"run at C={o.Compute.Value} lies below L*(C)");
        }
    }

    [Fact]
    public void Band_IsThePercentileIntervalOfTheBootstrapPredictions()
    {
        // 41 resamples with alpha spread evenly over ±0.02 around the estimate.
        var samples = Enumerable.Range(0, 41).Select(k => new[] { E, A, B, Alpha - 0.02 + 0.001 * k, Beta }).ToArray();
        var spec = ScalingPlots.LossAgainst(ScaleVariable.Parameters, TwoTokenCounts(), Published(), Bootstrapped(samples));
        var band = spec.Series.First(s => s.Kind == SeriesKind.Band);
        for (int i = 0; i < band.X.Length; i += 9)
        {
            var predictions = samples.Select(s => Chinchilla(band.X[i], 1e9, alpha: s[3])).Order().ToArray();
            // 10th and 90th percentiles with linear interpolation (NumPy's default): positions 4 and 36 of 0…40.
            Assert.Equal(predictions[4], band.Low![i], 1e-12);
            Assert.Equal(predictions[36], band.High![i], 1e-12);
            Assert.InRange(band.Y[i], band.Low[i], band.High[i]);
        }
        Assert.Equal("80 % bootstrap band", band.Label);
    }

    [Theory]
    // docs/science.md V8 (Hoffmann et al. 2022 eq. 10 rounded): N_opt(5.76e23) = 3.219e10, N_opt(1e21) = 1.824e9.
    [InlineData(1.69, 406.4, 410.7, 0.34, 0.28, 5.76e23, 3.219e10)]
    [InlineData(1.69, 406.4, 410.7, 0.34, 0.28, 1e21, 1.824e9)]
    // docs/science.md V10 (Besiroglu et al. 2024 refit): N_opt(5.76e23) = 7.225e10, N_opt(3.8e25) = 6.187e11.
    [InlineData(1.8172, 482.01, 2085.43, 0.3478, 0.3658, 5.76e23, 7.225e10)]
    [InlineData(1.8172, 482.01, 2085.43, 0.3478, 0.3658, 3.8e25, 6.187e11)]
    public void Frontier_MatchesTheChinchillaClosedForm(double e, double a, double b, double alpha, double beta, double compute, double expectedN)
    {
        var fit = Fits.At(ChinchillaLaw.Instance, new Dictionary<string, double> { ["E"] = e, ["A"] = a, ["B"] = b, ["alpha"] = alpha, ["beta"] = beta });
        var (n, d, _) = ScalingPlots.Frontier(PlanningLaw.From(fit), [compute]);
        Assert.InRange(n[0] / expectedN, 1 - 1e-3, 1 + 1e-3);
        Assert.Equal(compute, 6 * n[0] * d[0], compute * 1e-12);
    }

    [Fact]
    public void ComputeOptimalFrontier_IsSolidOverTheDataAndDashedToTheTarget()
    {
        var data = TwoTokenCounts();
        var spec = ScalingPlots.ComputeOptimalFrontier(data, Published(), targetCompute: 5.76e23);
        double cmin = data.Observations.Min(o => o.Compute.Value), cmax = data.Observations.Max(o => o.Compute.Value);
        Assert.Contains(spec.Spans, s => s.From == cmin && s.To == cmax);
        Assert.Contains(spec.Spans, s => s.From == 5.76e23 && s.To == 5.76e23);
        var solid = spec.Find("N*(C) parameters")!;
        Assert.False(solid.Dashed);
        Assert.Equal(cmin, solid.X[0]);
        Assert.Equal(cmax, solid.X[^1]);
        var dashed = spec.Series.Where(s => s.Dashed && s.Tone == 0.0).Single();
        Assert.Equal(cmax, dashed.X[0]);
        Assert.Equal(5.76e23, dashed.X[^1]);
        // docs/science.md V9 with the exact TeX parameters: N_opt(5.76e23) = 4.036e10.
        Assert.InRange(dashed.Y[^1] / 4.036e10, 1 - 1e-3, 1 + 1e-3);
    }

    [Fact]
    public void IsoFlopProfile_RecoversTheVertexOfAnExactParabola()
    {
        var rows = new List<Observation>();
        foreach (var (c, nStar) in new[] { (1e19, 3e8), (1e20, 9e8) })
        foreach (var f in new[] { 0.25, 0.5, 1, 2, 4, 8 })
        {
            double n = nStar * f;
            rows.Add(Observation.FromParametersAndCompute(n, c, 2.5 + 0.04 * Math.Pow(Math.Log(n / nStar), 2)));
        }
        // The plots take the budgets of the planning code's approach-2 analysis (IsoFlopProfile is gone).
        var profiles = IsoFlopAnalysis.Analyse(rows).Budgets;
        Assert.Equal(2, profiles.Count);
        Assert.Equal(3e8, profiles[0].OptimalParameters, 3e8 * 1e-9);
        Assert.Equal(9e8, profiles[1].OptimalParameters, 9e8 * 1e-9);
        Assert.Equal(1e19, profiles[0].Compute, 1e19 * 1e-12);
        var spec = ScalingPlots.IsoFlop("loss", profiles);
        var minima = spec.Find("parabola minimum N*(C)")!;
        Assert.Equal(2.5, minima.Y[0], 1e-9);
    }

    [Fact]
    public void IsoFlop_PlotAndAnalysis_GroupTheSameRunsTheSameWay()
    {
        // Two budgets 7 % apart, without a group column: beyond the 2 % tolerance of approach 2, so two budgets for the
        // isoflop command's analysis and for the plot alike (the plot once merged them within 0.05 decades).
        var rows = new List<Observation>();
        foreach (var (c, nStar) in new[] { (1e19, 3e8), (1.07e19, 3.1e8) })
        foreach (var f in new[] { 0.25, 0.5, 1, 2, 4 })
            rows.Add(Observation.FromParametersAndCompute(nStar * f, c, 2.5 + 0.04 * Math.Pow(Math.Log(f), 2)));
        var budgets = IsoFlopAnalysis.Analyse(rows).Budgets;
        var spec = ScalingPlots.IsoFlop(new ObservationSet("synthetic", "loss", rows));
        Assert.Equal(2, budgets.Count);
        Assert.Equal(budgets.Count, spec.Series.Count(s => s.Kind == SeriesKind.Points && s.Tone is not null));
        Assert.Equal(budgets.Select(b => b.OptimalParameters), spec.Find("parabola minimum N*(C)")!.X);
    }

    [SkippableFact]
    public void IsoFlop_Llama3_ReproducesApproach2Exponent()
    {
        var path = SharedData.File("llama3-isoflops/isoflops_points.csv");
        Skip.If(path is null, SharedData.Missing);
        var profiles = IsoFlopAnalysis.Analyse(ObservationReader.Read(path!).Observations).Budgets;
        var optima = profiles.Where(p => p.Used).ToArray();
        var x = optima.Select(p => Math.Log(p.Compute)).ToArray();
        var y = optima.Select(p => Math.Log(p.OptimalParameters)).ToArray();
        double mx = x.Average(), my = y.Average();
        double slope = x.Zip(y).Sum(t => (t.First - mx) * (t.Second - my)) / x.Sum(v => (v - mx) * (v - mx));
        // Open-Athena scaling-law-analysis exp11 (datasets/README.md): approach 2 on the Llama 3 IsoFLOPs, a = 0.4632.
        Assert.InRange(slope, 0.4632 - 0.005, 0.4632 + 0.005);
    }

    [Fact]
    public void Residuals_AreTheLogRatioOfRunToFit()
    {
        var data = TwoTokenCounts();
        var shifted = new ObservationSet("shifted", "loss", data.Observations.Select((o, i) => o with { Metric = o.Metric * (i == 3 ? 1.02 : 1) }));
        var specs = ScalingPlots.Residuals(shifted, Published());
        Assert.Equal(3, specs.Count);
        var r = specs[0].Series.Single(s => s.Kind == SeriesKind.Points);
        for (int i = 0; i < r.Y.Length; i++) Assert.Equal(i == 3 ? Math.Log(1.02) : 0, r.Y[i], 1e-12);
        Assert.False(specs[0].Y.Log);
    }

    [Fact]
    public void ExponentDistribution_CountsEveryResampleOnce()
    {
        var samples = Enumerable.Range(0, 50).Select(k => new[] { E, A, B, 0.30 + 0.002 * k, 0.25 + 0.001 * k }).ToArray();
        var spec = ScalingPlots.ExponentDistribution(Published(), Bootstrapped(samples));
        Assert.NotNull(spec);
        var bars = spec!.Series.Where(s => s.Kind == SeriesKind.Bars).ToArray();
        Assert.Equal(2, bars.Length);
        Assert.All(bars, b => Assert.Equal(50, b.Y.Sum()));
        Assert.StartsWith("alpha", bars[0].Label);
        Assert.Null(ScalingPlots.ExponentDistribution(Published(), Bootstrapped(samples[..10])));
    }

    [Fact]
    public void Regime_LinesHaveTheMeasuredAndTheoreticalSlopes()
    {
        var regime = new RegimeData("variance-limited, dataset", "training samples D", "samples", [100, 200, 400, 800], [0.1, 0.05, 0.026, 0.012], -1.02, -1);
        var spec = RegimePlots.Build(regime);
        double Slope(PlotSeries s) => Math.Log(s.Y[1] / s.Y[0]) / Math.Log(s.X[1] / s.X[0]);
        Assert.Equal(-1.02, Slope(spec.Series.Single(s => s.Label.StartsWith("measured", StringComparison.Ordinal))), 1e-12);
        var theory = spec.Series.Single(s => s.Label.StartsWith("theory", StringComparison.Ordinal));
        Assert.Equal(-1, Slope(theory), 1e-12);
        Assert.True(theory.Dashed);
        Assert.Throws<ArgumentException>(() => RegimePlots.Build(regime with { Loss = [1, 2] }));
    }

    [Theory]
    [InlineData(1e9, "1e9")]
    [InlineData(3.2e10, "3.2e10")]
    [InlineData(0.35, "0.35")]
    [InlineData(2e-3, "2e-3")]
    [InlineData(9.96e9, "1e10")]
    public void NumberText_ShortLabels(double value, string expected) => Assert.Equal(expected, Quantity.Label(value));
}
