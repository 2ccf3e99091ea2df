namespace ScaleLab.Quantities;

/// <summary>The approximation C = 6ND (Kaplan et al. 2020 §2.1) used to derive a missing one of N, D, C.</summary>
public static class ComputeConvention
{
    /// <summary>FLOPs per parameter per training token: 2 forward + 4 backward.</summary>
    public const double FlopsPerParameterToken = 6.0;

    /// <summary>C = 6·N·D.</summary>
    public static Flops Compute(ParameterCount n, TokenCount d) => Flops.Of(FlopsPerParameterToken * n.Value * d.Value);

    /// <summary>D = C / (6·N).</summary>
    public static TokenCount Tokens(Flops c, ParameterCount n) => TokenCount.Of(c.Value / (FlopsPerParameterToken * n.Value));

    /// <summary>N = C / (6·D).</summary>
    public static ParameterCount Parameters(Flops c, TokenCount d) => ParameterCount.Of(c.Value / (FlopsPerParameterToken * d.Value));
}
