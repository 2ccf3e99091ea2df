namespace ScaleLab.Optimization;

/// <summary>A smooth (or piecewise smooth) function: returns f(x) and writes ∇f(x) into <paramref name="gradient"/>.</summary>
public delegate double ObjectiveFunction(ReadOnlySpan<double> x, Span<double> gradient);
