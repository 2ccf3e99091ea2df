using ScaleLab.Diagnostics;

namespace ScaleLab.Uncertainty;

/// <summary>What the curvature at the optimum says about which parameters the data determine.</summary>
/// <param name="Parameters">
/// Published name of each free coordinate, in the order of the matrices (a tie's first parameter); the coordinates
/// are internal ones, ln of scale parameters. Coordinate i of a law parameter j is <see cref="Fitting.ParameterMap.FreeIndex"/>(j).
/// </param>
/// <param name="Hessian">Gauss–Newton curvature JᵀJ of the least-squares objective on log residuals, ½Σr², at the optimum (free coordinates).</param>
/// <param name="StandardErrors">Approximate standard errors in internal coordinates, σ̂·√diag(H⁻¹) (NaN where H is singular).</param>
/// <param name="Eigenvalues">Eigenvalues of the scale-free Hessian D^(−½) H D^(−½), ascending.</param>
/// <param name="ConditionNumber">Largest over smallest eigenvalue (∞ when the smallest is not positive).</param>
/// <param name="Diagnostics">Warnings for undetermined directions and parameters.</param>
public sealed record IdentifiabilityResult(IReadOnlyList<string> Parameters, double[,] Hessian, IReadOnlyList<double> StandardErrors,
    IReadOnlyList<double> Eigenvalues, double ConditionNumber, IReadOnlyList<Diagnostic> Diagnostics);
