using ScaleLab.Uncertainty;

namespace ScaleLab.Design;

/// <summary>
/// The between-basin half of the uncertainty. The basins k predict the target's log quantities μ_k with
/// weights π_k, so their disagreement adds V_B(π) = mean_t Σ_k π_k (μ_kt − Σ_l π_l μ_lt)² to the target's
/// mean squared error. A run's outcome y re-weights them by its likelihood under each basin,
/// π'_k ∝ π_k·N(y; m_k(x), s² + j_kᵀΣ_k j_k), and the expected V_B(π') afterwards is estimated over
/// simulated outcomes: each sample draws a "true" basin (systematic sampling by π) and outcomes of the runs
/// chosen so far from it, and carries the log weights they imply. The runs already folded in stay in the
/// samples, so a batch is scored with everything before it resolved in expectation. Outcomes use common
/// random numbers across candidates (one normal deviate per sample and step), so scores differ by the
/// candidates, not by the draws; all draws come from the seed.
/// </summary>
internal sealed class BasinOutcomes
{
    private readonly int _samples, _basins, _targets;
    private readonly int[] _truth;
    private readonly double[] _logWeights;
    private readonly double[] _a, _m;
    private readonly ulong _seed;
    private double[] _deviates;
    private int _step;

    private BasinOutcomes(int samples, int basins, int targets, int[] truth, double[] logWeights, double[] a, double[] m, ulong seed, int step)
    {
        _samples = samples;
        _basins = basins;
        _targets = targets;
        _truth = truth;
        _logWeights = logWeights;
        _a = a;
        _m = m;
        _seed = seed;
        _step = step;
        _deviates = Deviates(seed, step, samples);
    }

    /// <summary>The outcome samples for the basins of <paramref name="basins"/>.</summary>
    public static BasinOutcomes Create(LinearizedBasins basins, int samples, ulong seed)
    {
        int k = basins.BasinCount, t = basins.TargetCount;
        // Target predictions centred on the best basin's, so that V_B = Σπa − πᵀMπ loses nothing to cancellation.
        var centred = new double[k][];
        for (int b = 0; b < k; b++) centred[b] = basins.TargetValue[b].Select((v, s) => v - basins.TargetValue[0][s]).ToArray();
        var a = new double[k];
        var m = new double[k * k];
        for (int b = 0; b < k; b++)
        {
            for (int s = 0; s < t; s++) a[b] += centred[b][s] * centred[b][s] / t;
            for (int c = 0; c < k; c++)
            for (int s = 0; s < t; s++) m[b * k + c] += centred[b][s] * centred[c][s] / t;
        }
        var truth = new int[samples];
        var logWeights = new double[samples * k];
        double offset = new SeededRandom(seed ^ 0x5DEECE66DUL).NextDouble(), cumulative = 0;
        int basin = 0;
        for (int r = 0; r < samples; r++)
        {
            double u = (r + offset) / samples;
            while (basin < k - 1 && u >= cumulative + basins.Weights[basin]) cumulative += basins.Weights[basin++];
            truth[r] = basin;
            for (int b = 0; b < k; b++) logWeights[r * k + b] = Math.Log(basins.Weights[b]);
        }
        return new BasinOutcomes(samples, k, t, truth, logWeights, a, m, seed, 0);
    }

    /// <summary>A copy that can be folded into independently.</summary>
    public BasinOutcomes Clone() => new(_samples, _basins, _targets, _truth, _logWeights.ToArray(), _a, _m, _seed, _step);

    /// <summary>The expected between-basin variance now, over the samples.</summary>
    public double Expected()
    {
        Span<double> w = stackalloc double[_basins];
        double sum = 0;
        for (int r = 0; r < _samples; r++)
        {
            Normalise(_logWeights.AsSpan(r * _basins, _basins), w);
            sum += Between(w);
        }
        return sum / _samples;
    }

    /// <summary>
    /// The expected between-basin variance after the outcome of a candidate run, with
    /// <paramref name="mean"/>[k] and <paramref name="variance"/>[k] its predictive distribution under each basin.
    /// </summary>
    public double ExpectedAfter(ReadOnlySpan<double> mean, ReadOnlySpan<double> variance)
    {
        Span<double> w = stackalloc double[_basins];
        Span<double> l = stackalloc double[_basins];
        double sum = 0;
        for (int r = 0; r < _samples; r++)
        {
            Update(r, mean, variance, l);
            Normalise(l, w);
            sum += Between(w);
        }
        return sum / _samples;
    }

    /// <summary>Folds the simulated outcomes of a chosen run into the samples and moves to the next step's deviates.</summary>
    public void FoldIn(ReadOnlySpan<double> mean, ReadOnlySpan<double> variance)
    {
        Span<double> l = stackalloc double[_basins];
        for (int r = 0; r < _samples; r++)
        {
            Update(r, mean, variance, l);
            l.CopyTo(_logWeights.AsSpan(r * _basins, _basins));
        }
        _step++;
        _deviates = Deviates(_seed, _step, _samples);
    }

    /// <summary>The expected between-basin variance of each target quantity separately, given the target predictions [k][t].</summary>
    public double[] ExpectedPerTarget(double[][] targetValue)
    {
        var result = new double[_targets];
        Span<double> w = stackalloc double[_basins];
        for (int r = 0; r < _samples; r++)
        {
            Normalise(_logWeights.AsSpan(r * _basins, _basins), w);
            for (int s = 0; s < _targets; s++)
            {
                double mean = 0, square = 0;
                for (int b = 0; b < _basins; b++)
                {
                    double v = targetValue[b][s] - targetValue[0][s];
                    mean += w[b] * v;
                    square += w[b] * v * v;
                }
                result[s] += Math.Max(0, square - mean * mean) / _samples;
            }
        }
        return result;
    }

    private void Update(int r, ReadOnlySpan<double> mean, ReadOnlySpan<double> variance, Span<double> l)
    {
        int truth = _truth[r];
        double y = mean[truth] + Math.Sqrt(variance[truth]) * _deviates[r];
        for (int b = 0; b < _basins; b++)
        {
            double d = y - mean[b];
            l[b] = _logWeights[r * _basins + b] - 0.5 * Math.Log(variance[b]) - d * d / (2 * variance[b]);
        }
    }

    private double Between(ReadOnlySpan<double> w)
    {
        double sum = 0;
        for (int b = 0; b < _basins; b++)
        {
            double row = 0;
            for (int c = 0; c < _basins; c++) row += _m[b * _basins + c] * w[c];
            sum += w[b] * (_a[b] - row);
        }
        return Math.Max(0, sum);
    }

    private static void Normalise(ReadOnlySpan<double> log, Span<double> w)
    {
        double top = double.NegativeInfinity;
        foreach (var v in log) top = Math.Max(top, v);
        double sum = 0;
        for (int b = 0; b < log.Length; b++) sum += w[b] = Math.Exp(log[b] - top);
        for (int b = 0; b < log.Length; b++) w[b] /= sum;
    }

    private static double[] Deviates(ulong seed, int step, int samples)
    {
        var rng = SeededRandom.ForStream(seed, step);
        var z = new double[samples];
        for (int r = 0; r < samples; r++) z[r] = rng.NextGaussian();
        return z;
    }
}
