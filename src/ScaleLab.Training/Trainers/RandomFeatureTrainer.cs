using System.Diagnostics;
using ScaleLab.Diagnostics;
using ScaleLab.Training.Specs;
using TorchSharp;
using static TorchSharp.torch;

namespace ScaleLab.Training.Trainers;

/// <summary>
/// Random-feature teacher–student model of Bahri et al. 2021 §2.3, as the SCIENCE.md §7 recipe
/// instantiates it:
///   teacher F(x) = ωᵀ Λ^(1/2) z, z ~ N(0, I_S), Λ = diag(i^−(1+α_K)), ω ~ N(0, 1/S);
///   student f(x) = θᵀ 𝒫 Λ^(1/2) z with 𝒫 the coordinate projector onto the first P features or a
///   P×S Gaussian matrix with N(0, 1/P) entries;
///   θ = minimum-norm least-squares fit to D samples (what gradient descent from zero converges to);
///   loss = exact population loss ½ (𝒫ᵀθ − ω)ᵀ Λ (𝒫ᵀθ − ω) (no test sampling), averaged over draws.
/// With D = ∞ the loss is eq. 1 averaged over the teacher exactly: (1/2S)·Tr[Λ − Λ𝒫ᵀ(𝒫Λ𝒫ᵀ)⁻¹𝒫Λ].
/// Everything is float64 on one thread.
/// </summary>
public static class RandomFeatureTrainer
{
    /// <summary>Trainer name recorded in <see cref="RunResult.Trainer"/>.</summary>
    public const string Name = "random-feature";

    private const int TeacherPart = 1, DataPart = 2, ProjectorPart = 3;

    /// <summary>Runs <see cref="RandomFeatureSpec.Draws"/> draws and returns their mean losses.</summary>
    /// <exception cref="ArgumentException">The spec is invalid.</exception>
    /// <exception cref="OperationCanceledException">Cancelled between draws.</exception>
    public static RunResult Run(RandomFeatureSpec spec, IProgress<TrainingProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(spec);
        spec.Validate();
        var clock = Stopwatch.StartNew();
        torch.set_num_threads(1);
        var losses = new double[spec.Draws];
        var trainLosses = new double[spec.Draws];
        var references = new double[spec.Draws];
        using (var outer = torch.NewDisposeScope())
        {
            var lambda = Spectrum(spec.Features, spec.AlphaK);
            for (int k = 0; k < spec.Draws; k++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                using var scope = torch.NewDisposeScope();
                (losses[k], trainLosses[k], references[k]) = spec.Samples is { } d
                    ? Draw(spec, lambda, d, k)
                    : (InfiniteDataLoss(spec, lambda, k), 0.0, 0.0);
                progress?.Report(new TrainingProgress(k + 1, spec.Draws, losses[k]));
            }
        }

        var excess = new double[spec.Draws];
        for (int k = 0; k < spec.Draws; k++) excess[k] = losses[k] - references[k];
        var test = new SortedDictionary<string, double>(StringComparer.Ordinal)
        {
            ["loss"] = losses.Average(),
            ["lossStandardError"] = StandardError(losses),
        };
        var diagnostics = new List<Diagnostic>();
        string metric = "loss";
        if (spec.Reference != RandomFeatureReference.None)
        {
            metric = "excessLoss";
            test["referenceLoss"] = references.Average();
            test["excessLoss"] = excess.Average();
            test["excessLossStandardError"] = StandardError(excess);
        }
        if (spec.Samples is null)
        {
            diagnostics.Add(Diagnostic.Info("infinite-data", "D = ∞: loss is eq. 1 of Bahri et al., averaged over the teacher exactly"));
        }
        if (spec.Samples is { } samples && spec.Features < 4 * Math.Max(samples, spec.Parameters) && spec.Parameters < spec.Features)
        {
            diagnostics.Add(Diagnostic.Info("finite-features", $"S = {spec.Features} is not ≫ max(D, P); resolution-limited slopes come out steeper than α_K (SCIENCE.md §7)"));
        }
        return new RunResult
        {
            Trainer = Name,
            Configuration = TrainingJson.Serialize(spec),
            Seed = spec.Seed,
            Parameters = spec.Parameters,
            ParameterCounting = "P, the number of student features (trained coefficients θ)",
            Samples = spec.Samples,
            SampleUnit = "samples",
            Compute = spec.Samples is { } n ? Flops(spec, n) : null,
            ComputeCounting = "leading-order FLOPs of one minimum-norm least-squares solve, 2·D·P·min(D,P), plus 2·D·S·P to project features for a Gaussian 𝒫; per draw",
            MetricName = metric,
            TrainMetrics = new SortedDictionary<string, double>(StringComparer.Ordinal) { ["loss"] = trainLosses.Average() },
            TestMetrics = test,
            Steps = 0,
            WallTime = clock.Elapsed,
            Status = RunStatus.Completed,
            Diagnostics = diagnostics,
        };
    }

    /// <summary>λ_i = i^−(1+α_K), i = 1..S.</summary>
    internal static Tensor Spectrum(int features, double alphaK) =>
        torch.arange(1, features + 1, dtype: ScalarType.Float64).pow(-(1 + alphaK));

    private static double Flops(RandomFeatureSpec spec, double d)
    {
        double p = spec.Parameters;
        double solve = 2 * d * p * Math.Min(d, p);
        return spec.Projection == RandomFeatureProjection.Gaussian ? solve + 2 * d * spec.Features * p : solve;
    }

    private static (double Loss, double TrainLoss, double Reference) Draw(RandomFeatureSpec spec, Tensor lambda, int samples, int k)
    {
        int s = spec.Features, p = spec.Parameters;
        var omega = Normal([s], TrainingSeeds.Derive(spec.Seed, k, TeacherPart)) / Math.Sqrt(s);
        var x = Normal([samples, s], TrainingSeeds.Derive(spec.Seed, k, DataPart)) * lambda.sqrt();
        var y = x.matmul(omega);
        Tensor? projector = spec.Projection == RandomFeatureProjection.Gaussian
            ? Normal([p, s], TrainingSeeds.Derive(spec.Seed, k, ProjectorPart)) / Math.Sqrt(p)
            : null;
        var studentFeatures = projector is null ? x[.., ..p] : x.matmul(projector.t());
        var theta = MinimumNormLeastSquares(studentFeatures, y);
        var coefficients = Lift(theta, projector, s);
        double loss = PopulationLoss(coefficients, omega, lambda);
        double train = 0.5 * (studentFeatures.matmul(theta) - y).square().mean().item<double>();
        double reference = spec.Reference switch
        {
            RandomFeatureReference.InfiniteData => PopulationLoss(Lift(PopulationOptimum(omega, lambda, projector, p), projector, s), omega, lambda),
            RandomFeatureReference.AllFeatures => PopulationLoss(MinimumNormLeastSquares(x, y), omega, lambda),
            _ => 0.0,
        };
        return (loss, train, reference);
    }

    /// <summary>Eq. 1 averaged over ω ~ N(0, I/S): (1/2S)·(Tr Λ − Tr[(𝒫Λ𝒫ᵀ)⁻¹ 𝒫Λ²𝒫ᵀ]).</summary>
    private static double InfiniteDataLoss(RandomFeatureSpec spec, Tensor lambda, int k)
    {
        int s = spec.Features, p = spec.Parameters;
        if (spec.Projection == RandomFeatureProjection.Coordinate)
        {
            // 𝒫 keeps the first P features: the loss is the tail sum of the spectrum.
            return lambda[p..].sum().item<double>() / (2.0 * s);
        }
        var projector = Normal([p, s], TrainingSeeds.Derive(spec.Seed, k, ProjectorPart)) / Math.Sqrt(p);
        var pl = projector * lambda;
        var gram = pl.matmul(projector.t());
        var cross = pl.matmul(pl.t());
        double explained = torch.linalg.solve(gram, cross).trace().item<double>();
        return (lambda.sum().item<double>() - explained) / (2.0 * s);
    }

    /// <summary>argmin_θ ½(𝒫ᵀθ − ω)ᵀΛ(𝒫ᵀθ − ω): the student trained on infinite data.</summary>
    private static Tensor PopulationOptimum(Tensor omega, Tensor lambda, Tensor? projector, int p)
    {
        if (projector is null) return omega[..p];
        var pl = projector * lambda;
        return torch.linalg.solve(pl.matmul(projector.t()), pl.matmul(omega));
    }

    /// <summary>Student coefficients expressed on the teacher's S features: 𝒫ᵀθ.</summary>
    private static Tensor Lift(Tensor theta, Tensor? projector, int s) =>
        projector is null ? torch.nn.functional.pad(theta, [0, s - theta.shape[0]]) : projector.t().matmul(theta);

    private static double PopulationLoss(Tensor coefficients, Tensor omega, Tensor lambda) =>
        0.5 * (lambda * (coefficients - omega).square()).sum().item<double>();

    /// <summary>
    /// Minimum-norm solution of A θ = y in the least-squares sense. Over-parameterised (rows &lt;
    /// columns): θ = Aᵀ(AAᵀ)⁻¹y, the interpolant of least norm, cheaper than an SVD of the wide
    /// matrix. Otherwise LAPACK least squares (gelsy: QR with column pivoting, minimum norm on rank loss).
    /// </summary>
    internal static Tensor MinimumNormLeastSquares(Tensor a, Tensor y)
    {
        long rows = a.shape[0], columns = a.shape[1];
        if (rows < columns)
        {
            var gram = a.matmul(a.t());
            return a.t().matmul(torch.linalg.solve(gram, y));
        }
        return torch.linalg.lstsq(a, y.unsqueeze(1)).Solution.squeeze(1);
    }

    private static Tensor Normal(long[] shape, ulong seed)
    {
        using var generator = new torch.Generator(seed);
        return torch.randn(shape, dtype: ScalarType.Float64, generator: generator);
    }

    private static double StandardError(double[] values)
    {
        if (values.Length < 2) return double.NaN;
        double mean = values.Average();
        double ss = values.Sum(v => (v - mean) * (v - mean));
        return Math.Sqrt(ss / (values.Length - 1) / values.Length);
    }
}
