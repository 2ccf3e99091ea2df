namespace ScaleLab.Planning;

/// <summary>
/// The compute-optimal frontier of L = E + A/N^alpha + B/D^beta under C = 6ND, in closed form
/// (Hoffmann et al. 2022 eq. 4):
/// <code>
/// N*(C) = G·(C/6)^a,  D*(C) = (C/6)^b / G,  G = (alpha·A / (beta·B))^(1/(alpha+beta)),
/// a = beta/(alpha+beta),  b = alpha/(alpha+beta),
/// L*(C) = E + K·(C/6)^(−gamma),  gamma = alpha·beta/(alpha+beta),
/// K = (alpha+beta)·(A/beta)^(beta/(alpha+beta))·(B/alpha)^(alpha/(alpha+beta)).
/// </code>
/// </summary>
public sealed record ChinchillaFrontier
{
    /// <summary>Creates the frontier of a law with the given published parameters.</summary>
    public ChinchillaFrontier(double e, double a, double b, double alpha, double beta)
    {
        if (!(a > 0 && b > 0 && alpha > 0 && beta > 0) || !double.IsFinite(e) || !double.IsFinite(a) || !double.IsFinite(b))
        {
            throw new ArgumentException("the closed-form frontier needs A, B, alpha, beta > 0 and a finite E");
        }
        E = e; A = a; B = b; Alpha = alpha; Beta = beta;
    }

    /// <summary>Irreducible loss E.</summary>
    public double E { get; }

    /// <summary>Parameter-term scale A.</summary>
    public double A { get; }

    /// <summary>Data-term scale B.</summary>
    public double B { get; }

    /// <summary>Parameter exponent alpha.</summary>
    public double Alpha { get; }

    /// <summary>Data exponent beta.</summary>
    public double Beta { get; }

    /// <summary>G = (alpha·A/(beta·B))^(1/(alpha+beta)).</summary>
    public double G => Math.Exp((Math.Log(Alpha * A) - Math.Log(Beta * B)) / (Alpha + Beta));

    /// <summary>Allocation exponent a: N* ∝ C^a.</summary>
    public double ExponentA => Beta / (Alpha + Beta);

    /// <summary>Allocation exponent b: D* ∝ C^b (a + b = 1).</summary>
    public double ExponentB => Alpha / (Alpha + Beta);

    /// <summary>gamma = alpha·beta/(alpha+beta): L* − E ∝ C^(−gamma).</summary>
    public double Gamma => Alpha * Beta / (Alpha + Beta);

    /// <summary>K of L*(C) = E + K·(C/6)^(−gamma).</summary>
    public double K
    {
        get
        {
            double s = Alpha + Beta;
            return s * Math.Pow(A / Beta, Beta / s) * Math.Pow(B / Alpha, Alpha / s);
        }
    }

    /// <summary>The law itself.</summary>
    public double Loss(double parameters, double tokens) => E + A * Math.Pow(parameters, -Alpha) + B * Math.Pow(tokens, -Beta);

    /// <summary>N*(C).</summary>
    public double OptimalParameters(double compute) => G * Math.Pow(compute / 6, ExponentA);

    /// <summary>D*(C) = C/(6·N*(C)), so that 6·N*·D* = C exactly in floating point as far as one division allows.</summary>
    public double OptimalTokens(double compute) => compute / (6 * OptimalParameters(compute));

    /// <summary>L*(C) = E + K·(C/6)^(−gamma).</summary>
    public double OptimalLoss(double compute) => E + K * Math.Pow(compute / 6, -Gamma);

    /// <summary>The smallest compute whose optimum reaches <paramref name="loss"/>: C = 6·((loss − E)/K)^(−1/gamma); NaN when loss ≤ E.</summary>
    public double ComputeForLoss(double loss) => loss > E ? 6 * Math.Pow((loss - E) / K, -1 / Gamma) : double.NaN;

    /// <summary>The budget for which N is compute-optimal: C = 6·(N/G)^(1/a).</summary>
    public double ComputeForParameters(double parameters) => 6 * Math.Pow(parameters / G, 1 / ExponentA);

    /// <summary>Builds the frontier from named parameters E, A, B, alpha, beta (case-insensitive).</summary>
    public static ChinchillaFrontier FromNamed(IReadOnlyDictionary<string, double> p) =>
        new(Get(p, "E"), Get(p, "A"), Get(p, "B"), Get(p, "alpha"), Get(p, "beta"));

    private static double Get(IReadOnlyDictionary<string, double> p, string name)
    {
        if (p.TryGetValue(name, out var v)) return v;
        foreach (var kv in p) if (string.Equals(kv.Key, name, StringComparison.OrdinalIgnoreCase)) return kv.Value;
        throw new ArgumentException($"the Chinchilla frontier needs parameter '{name}'");
    }
}
