using ScaleLab.Experiments;
using ScaleLab.Experiments.Specs;
using ScaleLab.Training.Trainers;

namespace ScaleLab.Training.Tests.RandomFeature;

public sealed class RandomFeatureTrainerTests
{
    [Theory]
    // Each shortcut against sampling all S features: same law, so the means over many draws agree.
    [InlineData(RandomFeatureProjection.Coordinate, 40, 10, RandomFeatureReference.InfiniteData)]   // joint coordinate path
    [InlineData(RandomFeatureProjection.Gaussian, 20, 60, RandomFeatureReference.InfiniteData)]     // joint Gaussian path
    [InlineData(RandomFeatureProjection.Gaussian, 10, 60, RandomFeatureReference.AllFeatures)]      // Wishart path
    public void Shortcuts_AgreeInLawWithSamplingAllFeatures(RandomFeatureProjection projection, int samples, int parameters, RandomFeatureReference reference)
    {
        var spec = new RandomFeatureSpec(300, 0.5, parameters, samples, projection, Draws: 300, Seed: 3, Reference: reference);
        var fast = RandomFeatureTrainer.Run(spec);
        var direct = RandomFeatureTrainer.Run(spec, null, default, sampleAllFeatures: true);
        foreach (var metric in new[] { "loss", "excessLoss" })
        {
            string se = metric + "StandardError";
            double tolerance = 4.5 * Math.Sqrt(Math.Pow(fast.TestMetrics[se], 2) + Math.Pow(direct.TestMetrics[se], 2));
            Assert.True(Math.Abs(fast.TestMetrics[metric] - direct.TestMetrics[metric]) < tolerance,
                $"{metric}: shortcut {fast.TestMetrics[metric]:E4} vs all features {direct.TestMetrics[metric]:E4} (tolerance {tolerance:E2})");
        }
    }

    [Theory]
    [InlineData(RandomFeatureProjection.Gaussian, 10, 60, RandomFeatureReference.AllFeatures)]      // Wishart path
    [InlineData(RandomFeatureProjection.Gaussian, 60, 20, RandomFeatureReference.InfiniteData)]     // direct path
    [InlineData(RandomFeatureProjection.Coordinate, 20, 300, RandomFeatureReference.None)]          // direct path, P = S
    public void AverageTeacher_AgreesWithMeanOverDrawnTeachers(RandomFeatureProjection projection, int samples, int parameters, RandomFeatureReference reference)
    {
        var spec = new RandomFeatureSpec(300, 0.5, parameters, samples, projection, Draws: 400, Seed: 4, Reference: reference);
        var drawn = RandomFeatureTrainer.Run(spec);
        var averaged = RandomFeatureTrainer.Run(spec with { AverageTeacher = true });
        string metric = drawn.MetricName, se = metric + "StandardError";
        double tolerance = 4.5 * Math.Sqrt(Math.Pow(drawn.TestMetrics[se], 2) + Math.Pow(averaged.TestMetrics[se], 2));
        Assert.True(Math.Abs(drawn.Metric - averaged.Metric) < tolerance, $"drawn {drawn.Metric:E4} vs averaged {averaged.Metric:E4} (tolerance {tolerance:E2})");
        Assert.True(averaged.TestMetrics[se] < drawn.TestMetrics[se], "averaging over the teacher must reduce the spread");
    }

    [Fact]
    public void Run_SameSpecTwice_IsBitIdentical()
    {
        var spec = new RandomFeatureSpec(500, 0.5, 30, 50, RandomFeatureProjection.Gaussian, Draws: 3, Seed: 9, Reference: RandomFeatureReference.InfiniteData);
        var a = RandomFeatureTrainer.Run(spec);
        var b = RandomFeatureTrainer.Run(spec);
        Assert.Equal(a.TestMetrics, b.TestMetrics);
        Assert.Equal(a.TrainMetrics, b.TrainMetrics);
        var other = RandomFeatureTrainer.Run(spec with { Seed = 10 });
        Assert.NotEqual(a.Metric, other.Metric);
    }

    [Fact]
    public void Run_OverParameterised_InterpolatesTrainingData()
    {
        var result = RandomFeatureTrainer.Run(new RandomFeatureSpec(400, 1.0, 100, 20, Draws: 2));
        Assert.True(result.TrainMetrics["loss"] < 1e-20, $"train loss {result.TrainMetrics["loss"]}");
        Assert.True(result.Metric > 0);
    }

    [Fact]
    public void ToObservation_CarriesScaleMetricAndConfiguration()
    {
        var spec = new RandomFeatureSpec(400, 1.0, 100, 20, Draws: 2, Seed: 5);
        var result = RandomFeatureTrainer.Run(spec);
        var observation = result.ToObservation("run-1");
        Assert.Equal(100, observation.Parameters.Value);
        Assert.Equal(20, observation.Tokens.Value);
        Assert.Equal(2.0 * 20 * 100 * 20, observation.Compute.Value); // 2·D·P·min(D,P)
        Assert.Equal(result.Metric, observation.Metric);
        Assert.Null(observation.Derived);
        Assert.Equal(spec, TrainingJson.Deserialize<RandomFeatureSpec>(observation.Tags["configuration"]));
    }

    [Fact]
    public void ToObservation_InfiniteData_Throws()
    {
        var result = RandomFeatureTrainer.Run(new RandomFeatureSpec(400, 1.0, 100, null, Draws: 1));
        Assert.Null(result.Samples);
        Assert.Throws<InvalidOperationException>(() => result.ToObservation());
    }

    [Fact]
    public void Run_Cancelled_Throws()
    {
        using var cts = new CancellationTokenSource();
        cts.Cancel();
        Assert.ThrowsAny<OperationCanceledException>(() => RandomFeatureTrainer.Run(new RandomFeatureSpec(400, 1.0, 100, 20), null, cts.Token));
    }

    [Fact]
    public void Spec_Invalid_ThrowsNamingTheField()
    {
        var error = Assert.Throws<ArgumentException>(() => RandomFeatureTrainer.Run(new RandomFeatureSpec(100, 0.5, 200, 10)));
        Assert.Contains("parameters", error.Message);
    }
}
