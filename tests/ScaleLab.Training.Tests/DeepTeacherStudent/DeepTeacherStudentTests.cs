using ScaleLab.Experiments;
using ScaleLab.Experiments.Specs;
using ScaleLab.Experiments.Theory;
using ScaleLab.Training.Tests.Support;
using ScaleLab.Training.Trainers;
using Xunit.Abstractions;

namespace ScaleLab.Training.Tests.DeepTeacherStudent;

public sealed class DeepTeacherStudentTests(ITestOutputHelper output)
{
    private static readonly int[] Sizes = [128, 256, 512, 1024];

    private double AlphaD(int d)
    {
        var runs = Sizes.Select(n => DeepTeacherStudentTrainer.Run(new DeepTeacherStudentSpec(d, n, Width: 64, BatchSize: 64, LearningRate: 3e-3, MaxEpochs: 200, Patience: 20))).ToArray();
        double alpha = -LogLogSlope.Fit(Sizes.Select(n => (double)n).ToArray(), runs.Select(r => r.Metric).ToArray());
        output.WriteLine($"d = {d}: α_D = {alpha:F3} (4/d = {BahriTheory.ResolutionLimitedExponent(d):F3}); test MSE {string.Join(", ", runs.Select(r => r.Metric.ToString("E3", System.Globalization.CultureInfo.InvariantCulture)))}");
        return alpha;
    }

    [Fact]
    public void AlphaD_DecreasesAsInputDimensionGrows()
    {
        // Bahri et al. 2021 Fig. 1b (docs/studies.md, "Reference values"): resolution-limited α_D ≈ 4/d, so 2 = 4/2 at d = 2 and 0.5 = 4/8 at d = 8.
        // Small students and few samples flatten both exponents; the test checks the direction with margin.
        double alpha2 = AlphaD(2), alpha8 = AlphaD(8);
        Assert.True(alpha8 > 0.2, $"α_D at d = 8 should be positive (got {alpha8:F3})");
        Assert.True(alpha2 > alpha8 + 0.25, $"α_D at d = 2 ({alpha2:F3}) should exceed α_D at d = 8 ({alpha8:F3}) clearly");
    }

    [Fact]
    public void Run_SameSpecTwice_IsBitIdentical()
    {
        var spec = new DeepTeacherStudentSpec(3, 200, Width: 16, MaxEpochs: 5, Patience: null, ValidationSamples: 50, TestSamples: 100, LabelNoise: 0.01);
        var a = DeepTeacherStudentTrainer.Run(spec);
        var b = DeepTeacherStudentTrainer.Run(spec);
        Assert.Equal(a.TestMetrics, b.TestMetrics);
        Assert.Equal(a.TrainMetrics, b.TrainMetrics);
        Assert.NotEqual(a.Metric, DeepTeacherStudentTrainer.Run(spec with { Seed = 1 }).Metric);
    }

    [Fact]
    public void Run_RecordsScaleAndConvertsToObservation()
    {
        var spec = new DeepTeacherStudentSpec(4, 256, Width: 8, Depth: 2, BatchSize: 128, MaxEpochs: 3, Patience: null, ValidationSamples: 64, TestSamples: 64);
        var result = DeepTeacherStudentTrainer.Run(spec);
        long n = 4 * 8 + 8 + 8 * 8 + 8 + 8 + 1;
        Assert.Equal(n, result.Parameters);
        Assert.Equal(6, result.Steps);
        Assert.Equal(6.0 * n * 256 * 3 + 2.0 * n * 64 * 3, result.Compute);
        Assert.Equal(RunStatus.Completed, result.Status);
        var observation = result.ToObservation();
        Assert.Equal(256, observation.Tokens.Value);
        Assert.Equal(result.TestMetrics["mse"], observation.Metric);
        Assert.Equal(spec, TrainingJson.Deserialize<DeepTeacherStudentSpec>(result.Configuration));
    }

    [Fact]
    public void Run_LongBudgetWithPatience_StopsEarlyAndSaysSo()
    {
        var result = DeepTeacherStudentTrainer.Run(new DeepTeacherStudentSpec(2, 32, Width: 32, BatchSize: 32, LearningRate: 3e-2, MaxEpochs: 2000, Patience: 3, LabelNoise: 0.5, ValidationSamples: 200, TestSamples: 200));
        Assert.Equal(RunStatus.EarlyStopped, result.Status);
        Assert.Contains(result.Diagnostics, d => d.Code == "early-stopped");
        Assert.True(result.TrainMetrics["epochs"] < 2000);
        Assert.True(result.TrainMetrics["bestEpoch"] < result.TrainMetrics["epochs"]);
    }

    [Fact]
    public void Run_Cancelled_Throws()
    {
        using var cts = new CancellationTokenSource();
        cts.Cancel();
        Assert.ThrowsAny<OperationCanceledException>(() => DeepTeacherStudentTrainer.Run(new DeepTeacherStudentSpec(2, 64), null, cts.Token));
    }
}
