namespace ScaleLab.Uncertainty;

/// <summary>
/// What a bootstrap computes on one resample: the statistic of the rows drawn (indices into the data, repeats
/// allowed), or null when it cannot be computed there (a refit that failed, a resample without spread). The
/// random stream is the resample's own, for anything random the statistic needs (perturbed starts).
/// </summary>
public delegate T? ResampleStatistic<T>(ReadOnlySpan<int> rows, SeededRandom random) where T : class;
