using ScaleLab.Training.Specs;

namespace ScaleLab.Training.Language;

/// <summary>
/// A first-order Markov chain over V symbols with sparse random transitions, and its exact entropy
/// rate H = −Σ_i π_i Σ_j P_ij ln P_ij (nats/token), π the stationary distribution. Sequences start
/// in π, so every next-token prediction of a sequence has the same optimal loss H: it is the floor
/// E that a language model's loss approaches as N and D grow.
/// </summary>
public sealed class MarkovSource
{
    private readonly double[][] cumulative;
    private readonly double[] stationaryCumulative;

    private MarkovSource(double[,] transitions, double[] stationary, double entropyRate)
    {
        Transitions = transitions;
        Stationary = stationary;
        EntropyRate = entropyRate;
        int v = stationary.Length;
        cumulative = new double[v][];
        for (int i = 0; i < v; i++)
        {
            cumulative[i] = new double[v];
            double c = 0;
            for (int j = 0; j < v; j++) cumulative[i][j] = c += transitions[i, j];
        }
        stationaryCumulative = new double[v];
        double s = 0;
        for (int j = 0; j < v; j++) stationaryCumulative[j] = s += stationary[j];
    }

    /// <summary>Transition probabilities P[i, j] = p(next = j | current = i).</summary>
    public double[,] Transitions { get; }

    /// <summary>The stationary distribution π (πP = π, Σπ = 1).</summary>
    public IReadOnlyList<double> Stationary { get; }

    /// <summary>H, the entropy rate in nats per token.</summary>
    public double EntropyRate { get; }

    /// <summary>Vocabulary size V.</summary>
    public int Vocabulary => Stationary.Count;

    /// <summary>
    /// Builds the chain: state i moves to i+1 (mod V), which makes the chain irreducible so π is
    /// unique, and to Branching − 1 further distinct random states; the row's probabilities are
    /// Dirichlet(Concentration) distributed.
    /// </summary>
    public static MarkovSource Create(MarkovSourceSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        spec.Validate();
        int v = spec.Vocabulary;
        var random = new Random(unchecked((int)TrainingSeeds.Derive(spec.Seed, 0, 1)));
        var p = new double[v, v];
        for (int i = 0; i < v; i++)
        {
            var successors = new List<int> { (i + 1) % v };
            while (successors.Count < spec.Branching)
            {
                int j = random.Next(v);
                if (!successors.Contains(j)) successors.Add(j);
            }
            var weights = successors.Select(_ => Gamma(random, spec.Concentration)).ToArray();
            double total = weights.Sum();
            for (int k = 0; k < successors.Count; k++) p[i, successors[k]] = weights[k] / total;
        }
        var pi = StationaryDistribution(p);
        double h = 0;
        for (int i = 0; i < v; i++)
        {
            for (int j = 0; j < v; j++)
            {
                if (p[i, j] > 0) h -= pi[i] * p[i, j] * Math.Log(p[i, j]);
            }
        }
        return new MarkovSource(p, pi, h);
    }

    /// <summary>Fills <paramref name="destination"/> with a sequence starting in the stationary distribution.</summary>
    public void Sample(Random random, Span<long> destination)
    {
        ArgumentNullException.ThrowIfNull(random);
        if (destination.IsEmpty) return;
        int state = Draw(stationaryCumulative, random.NextDouble());
        destination[0] = state;
        for (int t = 1; t < destination.Length; t++)
        {
            state = Draw(cumulative[state], random.NextDouble());
            destination[t] = state;
        }
    }

    private static int Draw(double[] cumulative, double u)
    {
        u *= cumulative[^1];
        int lo = 0, hi = cumulative.Length - 1;
        while (lo < hi)
        {
            int mid = (lo + hi) / 2;
            if (cumulative[mid] > u) hi = mid; else lo = mid + 1;
        }
        return lo;
    }

    /// <summary>Solves πᵀ(P − I) = 0 with Σπ = 1 by Gaussian elimination with partial pivoting.</summary>
    private static double[] StationaryDistribution(double[,] p)
    {
        int v = p.GetLength(0);
        var a = new double[v, v + 1];
        for (int i = 0; i < v; i++)
        {
            for (int j = 0; j < v; j++) a[i, j] = p[j, i] - (i == j ? 1 : 0);
        }
        // The equations are linearly dependent; replace the last by the normalisation.
        for (int j = 0; j < v; j++) a[v - 1, j] = 1;
        a[v - 1, v] = 1;
        for (int c = 0; c < v; c++)
        {
            int pivot = c;
            for (int r = c + 1; r < v; r++) if (Math.Abs(a[r, c]) > Math.Abs(a[pivot, c])) pivot = r;
            for (int k = 0; k <= v; k++) (a[c, k], a[pivot, k]) = (a[pivot, k], a[c, k]);
            for (int r = 0; r < v; r++)
            {
                if (r == c || a[r, c] == 0) continue;
                double f = a[r, c] / a[c, c];
                for (int k = c; k <= v; k++) a[r, k] -= f * a[c, k];
            }
        }
        var pi = new double[v];
        for (int i = 0; i < v; i++) pi[i] = a[i, v] / a[i, i];
        return pi;
    }

    /// <summary>Gamma(shape, 1) by Marsaglia–Tsang (with the U^(1/shape) boost below shape 1).</summary>
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
            } while (v <= 0);
            v = v * v * v;
            double u = random.NextDouble();
            if (Math.Log(u) < 0.5 * x * x + d - d * v + d * Math.Log(v)) return d * v;
        }
    }

    private static double Normal(Random random)
    {
        double u1 = 1 - random.NextDouble(), u2 = random.NextDouble();
        return Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }
}
