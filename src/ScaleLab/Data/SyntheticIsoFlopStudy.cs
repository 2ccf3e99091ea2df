using System.Globalization;
using ScaleLab.Diagnostics;
using ScaleLab.Laws;
using ScaleLab.Quantities;

namespace ScaleLab.Data;

/// <summary>
/// A synthetic IsoFLOP study in the manner of Hoffmann et al. 2022 §3.2: for each compute budget C,
/// models of several sizes N around the budget's loss-optimal size, each trained on D = C/(6N) tokens,
/// with the "measured" loss drawn from a known law times log-normal noise. The data are labelled as
/// synthetic in their source name and in every row's tags; the truth is known, so a fit can be checked.
/// </summary>
public static class SyntheticIsoFlopStudy
{
    /// <summary>Generates the study. Deterministic for a given <paramref name="seed"/>.</summary>
    /// <param name="law">The true law (must read N and D).</param>
    /// <param name="truth">Its parameters in published units.</param>
    /// <param name="budgets">Compute budgets C in FLOPs.</param>
    /// <param name="sizesPerBudget">Model sizes per budget, spaced evenly in log N.</param>
    /// <param name="spreadDecades">The sizes span the optimum ± this many decades of N.</param>
    /// <param name="noiseSd">Standard deviation of the log-normal noise on the loss.</param>
    /// <param name="seed">Seed of the noise.</param>
    public static ObservationSet Generate(ScalingLaw law, IReadOnlyDictionary<string, double> truth, IReadOnlyList<double> budgets,
        int sizesPerBudget, double spreadDecades, double noiseSd, int seed)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(sizesPerBudget, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(noiseSd);
        var theta = law.FromNamed(truth);
        var random = new Random(seed);
        var observations = new List<Observation>(budgets.Count * sizesPerBudget);
        foreach (var budget in budgets)
        {
            var c = Flops.Of(budget);
            double logOptimum = LogOptimalParameters(law, theta, c.Value);
            for (int k = 0; k < sizesPerBudget; k++)
            {
                double offset = sizesPerBudget == 1 ? 0 : spreadDecades * (2.0 * k / (sizesPerBudget - 1) - 1);
                var n = ParameterCount.Of(Math.Exp(logOptimum + offset * Math.Log(10)));
                var d = ComputeConvention.Tokens(c, n);
                double loss = law.Predict(theta, ScalingData.Point(n.Value, d.Value, c.Value))[0] * Math.Exp(noiseSd * Gaussian(random));
                var label = "C=" + c.Value.ToString("0.###e0", CultureInfo.InvariantCulture);
                observations.Add(new Observation
                {
                    Row = observations.Count + 1,
                    Parameters = n,
                    Tokens = d,
                    Compute = c,
                    Metric = loss,
                    Derived = ScaleVariable.Tokens,
                    Group = label,
                    RunId = $"{label}/N={n.Value.ToString("0.###e0", CultureInfo.InvariantCulture)}",
                    Tags = new Dictionary<string, string> { ["synthetic"] = "true" },
                });
            }
        }
        var source = $"SYNTHETIC IsoFLOP study from the {law.Name} law ({string.Join(", ", truth.Select(kv => $"{kv.Key} {Quantity.Format(kv.Value)}"))}), " +
                     $"{budgets.Count} budgets x {sizesPerBudget} sizes, log-normal noise sd {Quantity.Format(noiseSd)}, seed {seed}";
        var note = Diagnostic.Info("synthetic-data", "the rows were generated from a known law with seeded noise; they are not measurements");
        return new ObservationSet(source, "loss", observations, [note]);
    }

    /// <summary>ln N minimising the law's loss at fixed C = 6ND, by golden-section search over ln N.</summary>
    public static double LogOptimalParameters(ScalingLaw law, ReadOnlySpan<double> theta, double compute)
    {
        // Bracket: from 1e3 parameters up to the size that leaves 1e3 tokens.
        double lo = Math.Log(1e3), hi = Math.Log(compute / (ComputeConvention.FlopsPerParameterToken * 1e3));
        if (!(hi > lo)) throw new ArgumentOutOfRangeException(nameof(compute), "budget too small for an IsoFLOP profile");
        var t = theta.ToArray();
        double Loss(double logN)
        {
            double n = Math.Exp(logN);
            double d = compute / (ComputeConvention.FlopsPerParameterToken * n);
            return law.Predict(t, ScalingData.Point(n, d, compute))[0];
        }
        double ratio = (Math.Sqrt(5) - 1) / 2;
        double x1 = hi - ratio * (hi - lo), x2 = lo + ratio * (hi - lo);
        double f1 = Loss(x1), f2 = Loss(x2);
        while (hi - lo > 1e-10)
        {
            if (f1 < f2) { hi = x2; x2 = x1; f2 = f1; x1 = hi - ratio * (hi - lo); f1 = Loss(x1); }
            else { lo = x1; x1 = x2; f1 = f2; x2 = lo + ratio * (hi - lo); f2 = Loss(x2); }
        }
        return 0.5 * (lo + hi);
    }

    // Box–Muller: a standard normal draw from two uniforms of the seeded generator.
    private static double Gaussian(Random random)
    {
        double u1 = 1.0 - random.NextDouble();
        double u2 = random.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }
}
