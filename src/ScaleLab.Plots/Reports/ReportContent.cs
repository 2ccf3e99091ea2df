using ScaleLab.Data;
using ScaleLab.Plots.Model;

namespace ScaleLab.Plots.Reports;

/// <summary>What goes into an HTML report. Every section appears when its part is given.</summary>
public sealed record ReportContent
{
    /// <summary>
    /// The runs the laws are fitted to; with them come the data, fit, plan and IsoFLOP sections.
    /// Null for a report of experiment regimes only.
    /// </summary>
    public ObservationSet? Data { get; init; }

    /// <summary>A sentence under the heading; when null, the source, run count and metric of <see cref="Data"/>.</summary>
    public string? Summary { get; init; }

    /// <summary>Fits to show, first one used for the compute-optimal plan.</summary>
    public IReadOnlyList<ReportFit> Fits { get; init; } = [];

    /// <summary>Heading of the page.</summary>
    public string Title { get; init; } = "Scaling-law report";

    /// <summary>Budget to plan for (FLOPs); default 100× the largest budget in the data.</summary>
    public double? TargetCompute { get; init; }

    /// <summary>Accelerator figures: when given, the plan table shows GPU-hours, cost, energy and emissions of each budget.</summary>
    public ScaleLab.Planning.Hardware? Hardware { get; init; }

    /// <summary>A law comparison (e.g. extrapolation backtest); when null and two or more fits are given, an in-sample comparison is shown.</summary>
    public ReportTable? Comparison { get; init; }

    /// <summary>A compute-optimal plan; when null the plan is computed from the first fit that depends on N and D.</summary>
    public ReportTable? Plan { get; init; }

    /// <summary>A table of the experiment regimes (exponents against theory), shown above their plots.</summary>
    public ReportTable? RegimeTable { get; init; }

    /// <summary>Scaling-experiment regimes to plot (measured against theoretical slopes).</summary>
    public IReadOnlyList<RegimeData> Regimes { get; init; } = [];

    /// <summary>
    /// The groups of a grouped read, each a section of its own after the whole data's; with groups, <see cref="Fits"/>
    /// is empty (every law is fitted to each group apart).
    /// </summary>
    public IReadOnlyList<ReportGroup> Groups { get; init; } = [];

    /// <summary>Further tables appended at the end.</summary>
    public IReadOnlyList<ReportTable> Extra { get; init; } = [];
}
