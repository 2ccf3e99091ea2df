using ScaleLab.Experiments.Specs;

namespace ScaleLab.Training.Language;

/// <summary>
/// A random sparse first-order Markov chain over V symbols whose entropy rate is known exactly:
/// H = −Σ_i π_i Σ_j P_ij ln P_ij (nats per symbol), π the stationary distribution. A language model
/// that sees at least one previous symbol can reach H and no lower, so H is the true irreducible loss
/// E of the model's scaling law.
/// </summary>
/// <remarks>
/// Every state moves to its successor (i + 1) mod V plus Branching − 1 other random states, which
/// makes the chain irreducible; state 0 also keeps a self-loop, which makes it aperiodic, so π is
/// unique and power iteration converges to it.
/// </remarks>
public sealed class MarkovSource
{
    private readonly double[][] _cumulative;
    private readonly int[][] _successors;

    /// <summary>Builds the chain of <paramref name="spec"/> (deterministic for its seed).</summary>
    public MarkovSource(MarkovSourceSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        spec.Validate();
        Spec = spec;
        int v = spec.Vocabulary;
        var random = new Random(unchecked((int)TrainingSeeds.Derive(spec.Seed, 0, 11)));
        Transitions = new double[v][];
        _successors = new int[v][];
        _cumulative = new double[v][];
        for (int i = 0; i < v; i++)
        {
            var successors = new List<int> { (i + 1) % v };
            if (i == 0 && v > 1 && spec.Branching > 1) successors.Add(0);
            while (successors.Count < Math.Min(spec.Branching, v))
            {
                int j = random.Next(v);
                if (!successors.Contains(j)) successors.Add(j);
            }
            successors.Sort();
            var weights = successors.Select(_ => Gamma(random, spec.Concentration)).ToArray();
            double total = weights.Sum();
            var row = new double[v];
            for (int k = 0; k < successors.Count; k++) row[successors[k]] = weights[k] / total;
            Transitions[i] = row;
            _successors[i] = successors.ToArray();
            _cumulative[i] = new double[successors.Count];
            double acc = 0;
            for (int k = 0; k < successors.Count; k++) { acc += row[successors[k]]; _cumulative[i][k] = acc; }
            _cumulative[i][^1] = 1.0;
        }
        Stationary = StationaryDistribution(Transitions);
        EntropyRate = 0;
        StationaryEntropy = 0;
        for (int i = 0; i < v; i++)
        {
            double rowEntropy = 0;
            foreach (var p in Transitions[i]) if (p > 0) rowEntropy -= p * Math.Log(p);
            EntropyRate += Stationary[i] * rowEntropy;
            if (Stationary[i] > 0) StationaryEntropy -= Stationary[i] * Math.Log(Stationary[i]);
        }
    }

    /// <summary>The specification.</summary>
    public MarkovSourceSpec Spec { get; }

    /// <summary>Transition matrix P (rows sum to 1).</summary>
    public double[][] Transitions { get; }

    /// <summary>Stationary distribution π (πP = π).</summary>
    public double[] Stationary { get; }

    /// <summary>Entropy rate H in nats per symbol: the loss floor given the previous symbol.</summary>
    public double EntropyRate { get; }

    /// <summary>Entropy of π in nats: the loss floor of the first symbol of a sequence (no context).</summary>
    public double StationaryEntropy { get; }

    /// <summary>A stream of <paramref name="count"/> symbols started from π, seeded.</summary>
    public long[] Sample(int count, ulong seed)
    {
        var random = new Random(unchecked((int)(seed ^ (seed >> 32))));
        var result = new long[count];
        int state = Draw(random, Stationary);
        for (int t = 0; t < count; t++)
        {
            result[t] = state;
            double u = random.NextDouble();
            var cum = _cumulative[state];
            int k = 0;
            while (k < cum.Length - 1 && u > cum[k]) k++;
            state = _successors[state][k];
        }
        return result;
    }

    private static int Draw(Random random, double[] distribution)
    {
        double u = random.NextDouble(), acc = 0;
        for (int i = 0; i < distribution.Length; i++)
        {
            acc += distribution[i];
            if (u <= acc) return i;
        }
        return distribution.Length - 1;
    }

    private static double[] StationaryDistribution(double[][] p)
    {
        int v = p.Length;
        var pi = Enumerable.Repeat(1.0 / v, v).ToArray();
        var next = new double[v];
        for (int iteration = 0; iteration < 100_000; iteration++)
        {
            Array.Clear(next);
            for (int i = 0; i < v; i++)
            {
                for (int j = 0; j < v; j++) next[j] += pi[i] * p[i][j];
            }
            double change = 0;
            for (int j = 0; j < v; j++) change += Math.Abs(next[j] - pi[j]);
            (pi, next) = (next, pi);
            if (change < 1e-15) break;
        }
        double total = pi.Sum();
        for (int j = 0; j < v; j++) pi[j] /= total;
        return pi;
    }

    /// <summary>Gamma(shape, 1) by Marsaglia–Tsang; Dirichlet weights are normalised Gamma draws.</summary>
    private static double Gamma(Random random, double shape)
    {
        if (shape < 1) return Gamma(random, shape + 1) * Math.Pow(random.NextDouble(), 1 / shape);
        double d = shape - 1.0 / 3, c = 1 / Math.Sqrt(9 * d);
        while (true)
        {
            double x, v;
            do
            {
                x = Normal(random);
                v = 1 + c * x;
            }
            while (v <= 0);
            v = v * v * v;
            double u = random.NextDouble();
            if (u < 1 - 0.0331 * x * x * x * x || Math.Log(u) < 0.5 * x * x + d * (1 - v + Math.Log(v))) return d * v;
        }
    }

    private static double Normal(Random random)
    {
        double u1 = 1.0 - random.NextDouble(), u2 = random.NextDouble();
        return Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }
}
