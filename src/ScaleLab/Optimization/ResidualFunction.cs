namespace ScaleLab.Optimization;

/// <summary>
/// Residuals r(x) of a least-squares problem: writes r into <paramref name="residuals"/> and
/// ∂r_i/∂x_j into <c>jacobian[j * n + i]</c> (one column per variable, as laws lay out theirs).
/// </summary>
public delegate void ResidualFunction(ReadOnlySpan<double> x, Span<double> residuals, Span<double> jacobian);
