using ScaleLab.Data;
using ScaleLab.Diagnostics;
using ScaleLab.Laws;
using ScaleLab.Optimization;

namespace ScaleLab.Fitting;

/// <summary>A complete, immutable fit: parameters, objective, status, the multistart's agreement and diagnostics.</summary>
public sealed record FitResult
{
    /// <summary>The law fitted.</summary>
    public required ScalingLaw Law { get; init; }

    /// <summary>Internal coordinates of the optimum (full θ, fixed values included).</summary>
    public required double[] Theta { get; init; }

    /// <summary>Published parameter values by name.</summary>
    public IReadOnlyDictionary<string, double> Parameters => Law.ToNamed(Theta);

    /// <summary>Objective value at the optimum (summed over points).</summary>
    public required double Objective { get; init; }

    /// <summary>Converged, not converged, or failed.</summary>
    public required FitStatus Status { get; init; }

    /// <summary>
    /// Why <see cref="Status"/> is what it is, in words that agree with it: the convergence test met (or the starts that
    /// agree on the optimum) for a converged fit, the way the best start stopped for one that is not. Empty when unknown
    /// (a fit read back from a document).
    /// </summary>
    public string StatusReason { get; init; } = "";

    /// <summary>Why the best start stopped (a converged fit's best start may have stopped on a kink; see <see cref="StatusReason"/>).</summary>
    public required OptimizerExit Exit { get; init; }

    /// <summary>Iterations of the best start.</summary>
    public required int Iterations { get; init; }

    /// <summary>Function-and-gradient evaluations over all starts.</summary>
    public required long Evaluations { get; init; }

    /// <summary>Max-norm of the projected gradient at the optimum (free coordinates).</summary>
    public required double GradientNorm { get; init; }

    /// <summary>Number of starts run.</summary>
    public required int Starts { get; init; }

    /// <summary>Starts that met a convergence test.</summary>
    public required int StartsConverged { get; init; }

    /// <summary>Starts whose objective is within 1e-9 (relative) of the best.</summary>
    public required int StartsAtBest { get; init; }

    /// <summary>Index in the start list of the start whose descent reached the best objective.</summary>
    public required int BestStart { get; init; }

    /// <summary>Points fitted.</summary>
    public required int Points { get; init; }

    /// <summary>The options used.</summary>
    public required FitOptions Options { get; init; }

    /// <summary>Which parameters were free (not fixed).</summary>
    public required IReadOnlyList<string> FreeParameters { get; init; }

    /// <summary>What the fit found worth saying.</summary>
    public required IReadOnlyList<Diagnostic> Diagnostics { get; init; }

    /// <summary>Prediction at one point.</summary>
    public double Predict(ScalingData point) => Law.Predict(Theta, point)[0];
}
