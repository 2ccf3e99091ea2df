using ScaleLab.Experiments.Specs;
using ScaleLab.Training.Tests.Support;
using ScaleLab.Training.Trainers;
using Xunit.Abstractions;

namespace ScaleLab.Training.Tests.RandomFeature;

/// <summary>
/// docs/studies.md, "Reference values": the four regimes of Bahri et al. 2021 in random-feature simulations. The
/// published bands are for the stated draw counts; CI uses fewer draws and widens each band by
/// √(published/used) (see <see cref="AcceptanceBand"/>). The full-draw slopes are printed by
/// bench/ScaleLab.Bench.Training (command <c>v26</c>).
/// </summary>
public sealed class RandomFeatureScalingTests(ITestOutputHelper output)
{
    private static readonly int[] DataSizes = [25, 50, 100, 200, 400];

    private double Slope(IReadOnlyList<int> sizes, Func<int, RandomFeatureSpec> spec)
    {
        var losses = sizes.Select(n => RandomFeatureTrainer.Run(spec(n)).Metric).ToArray();
        double slope = LogLogSlope.Fit(sizes.Select(n => (double)n).ToArray(), losses);
        output.WriteLine($"losses {string.Join(", ", losses.Select(l => l.ToString("E4", System.Globalization.CultureInfo.InvariantCulture)))}; slope {slope:F4}");
        return slope;
    }

    [Fact]
    public void ResolutionLimitedData_AlphaHalf_SlopeNearMinusAlphaK()
    {
        const int draws = 10;
        // Simulated slope, resolution-limited in data (docs/studies.md): P = S = 20000, α_K = 0.5, 40 draws: −0.546, accept [−0.62, −0.47].
        double slope = Slope(DataSizes, d => new RandomFeatureSpec(20000, 0.5, 20000, d, Draws: draws, Seed: 11));
        new AcceptanceBand(-0.62, -0.47, 40).AssertContains(slope, draws);
    }

    [Fact]
    public void ResolutionLimitedData_AlphaOne_SlopeNearMinusAlphaK()
    {
        const int draws = 20;
        // Simulated slope, resolution-limited in data (docs/studies.md): S = P = 4000, α_K = 1, 40 draws: −1.03, accept [−1.15, −0.90].
        double slope = Slope(DataSizes, d => new RandomFeatureSpec(4000, 1.0, 4000, d, Draws: draws, Seed: 12));
        new AcceptanceBand(-1.15, -0.90, 40).AssertContains(slope, draws);
    }

    [Theory]
    // Simulated slope, resolution-limited in P (docs/studies.md): eq. 1 with Gaussian 𝒫, S = 4000, 20 draws: α_K = 0.5 → −0.581, α_K = 1 → −1.024, accept ±0.1.
    [InlineData(0.5, -0.581)]
    [InlineData(1.0, -1.024)]
    public void ResolutionLimitedParameters_GaussianProjector_SlopeNearMinusAlphaK(double alphaK, double expected)
    {
        const int draws = 10;
        double slope = Slope(DataSizes, p => new RandomFeatureSpec(4000, alphaK, p, Samples: null, RandomFeatureProjection.Gaussian, Draws: draws, Seed: 13));
        new AcceptanceBand(expected - 0.1, expected + 0.1, 20).AssertContains(slope, draws);
    }

    [Fact]
    public void VarianceLimitedData_ExcessOverInfiniteData_SlopeNearMinusOne()
    {
        const int draws = 150;
        // Simulated slope, variance-limited in data (docs/studies.md): P = 20 (Gaussian 𝒫), S = 2000, α_K = 0.5, D ∈ {200…1600}, 150 draws: −1.031, accept [−1.15, −0.85].
        double slope = Slope([200, 400, 800, 1600], d => new RandomFeatureSpec(2000, 0.5, 20, d, RandomFeatureProjection.Gaussian, draws, Seed: 14, RandomFeatureReference.InfiniteData));
        new AcceptanceBand(-1.15, -0.85, 150).AssertContains(slope, draws);
    }

    [Fact]
    public void VarianceLimitedParameters_ExcessOverAllFeatures_SlopeNearMinusOne()
    {
        const int draws = 40;
        // Simulated slope, variance-limited in P (docs/studies.md): D = 10, S = 8000, P ∈ {200…1600}, 𝒫 entries N(0, 1/P), 200 draws: −0.975, accept [−1.15, −0.85].
        // The difference L(D,P) − L(D) is ~5% of L(D); with a drawn teacher its standard error at
        // 200 draws is ~50% at P = 1600, so the loss is averaged over the teacher exactly (eq. 2 style).
        double slope = Slope([200, 400, 800, 1600], p => new RandomFeatureSpec(8000, 0.5, p, 10, RandomFeatureProjection.Gaussian, draws, Seed: 15, RandomFeatureReference.AllFeatures, AverageTeacher: true));
        new AcceptanceBand(-1.15, -0.85, 200).AssertContains(slope, draws);
    }
}
