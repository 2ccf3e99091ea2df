namespace ScaleLab.Planning;

/// <summary>What one approach implies: its allocation exponents and its allocation at the target budget.</summary>
/// <param name="Approach">"approach 1 (envelope)", "approach 2 (IsoFLOP)" or "approach 3 (parametric fit)".</param>
/// <param name="ExponentA">a: N* ∝ C^a.</param>
/// <param name="ExponentB">b: D* ∝ C^b.</param>
/// <param name="Parameters">N* at the target budget.</param>
/// <param name="Tokens">D* at the target budget.</param>
public sealed record ApproachEstimate(string Approach, double ExponentA, double ExponentB, double Parameters, double Tokens)
{
    /// <summary>D*/N* at the target.</summary>
    public double TokensPerParameter => Tokens / Parameters;
}
