using ScaleLab.Diagnostics;

namespace ScaleLab.Analysis;

/// <summary>
/// What the outlier check found (<see cref="FitAnalysis.Outliers"/>): the runs whose robust residuals lie beyond
/// <see cref="Threshold"/>·MAD, the runs whose removal alone moves a parameter by more than a standard error, and the
/// fit without all the residual outliers at once.
/// </summary>
public sealed record OutlierReport
{
    /// <summary>k in the k·MAD rule, on the robust z-score scale (3.5 by default, after Iglewicz and Hoaglin 1993).</summary>
    public required double Threshold { get; init; }

    /// <summary>Median absolute deviation of the log residuals from their median.</summary>
    public required double Mad { get; init; }

    /// <summary>The runs singled out, residual outliers first (by |z|), then the influential ones (by influence).</summary>
    public IReadOnlyList<OutlierPoint> Points { get; init; } = [];

    /// <summary>Whether every run's leave-one-out refit was computed (false above <see cref="OutlierCheck.MaxLeaveOneOut"/> runs).</summary>
    public bool LeaveOneOut { get; init; }

    /// <summary>The parameters refitted without all the residual outliers, by published name; empty when there are none.</summary>
    public IReadOnlyDictionary<string, double> WithoutOutliers { get; init; } = new Dictionary<string, double>();

    /// <summary>
    /// Largest change of a free parameter when all residual outliers are left out together, in standard errors
    /// (0 when there are none).
    /// </summary>
    public double JointInfluence { get; init; }

    /// <summary>The findings as diagnostics (also part of <see cref="FitAnalysis.Diagnostics"/>).</summary>
    public IReadOnlyList<Diagnostic> Diagnostics { get; init; } = [];
}
