using System.Diagnostics;
using ScaleLab.Diagnostics;
using ScaleLab.Experiments;
using ScaleLab.Experiments.Specs;
using TorchSharp;
using static TorchSharp.torch;

namespace ScaleLab.Training.Trainers;

/// <summary>
/// Random-feature teacher–student model of Bahri et al. 2021 §2.3, as docs/studies.md describes
/// the recipe:
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
    public const string Name = BuiltInExperiments.RandomFeatureKind;

    private const int TeacherPart = 1, DataPart = 2, ProjectorPart = 3;

    /// <summary>Runs <see cref="RandomFeatureSpec.Draws"/> draws and returns their mean losses.</summary>
    /// <exception cref="ArgumentException">The spec is invalid.</exception>
    /// <exception cref="OperationCanceledException">Cancelled between draws.</exception>
    public static RunResult Run(RandomFeatureSpec spec, IProgress<TrainingProgress>? progress = null, CancellationToken cancellationToken = default) =>
        Run(spec, progress, cancellationToken, sampleAllFeatures: false);

    /// <summary>As <see cref="Run(RandomFeatureSpec, IProgress{TrainingProgress}?, CancellationToken)"/>; <paramref name="sampleAllFeatures"/> disables the equal-in-law shortcuts (for tests).</summary>
    internal static RunResult Run(RandomFeatureSpec spec, IProgress<TrainingProgress>? progress, CancellationToken cancellationToken, bool sampleAllFeatures)
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
                    ? Draw(spec, lambda, d, k, sampleAllFeatures)
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
            diagnostics.Add(Diagnostic.Info("finite-features", $"S = {spec.Features} is not ≫ max(D, P); resolution-limited slopes come out steeper than α_K (docs/studies.md)"));
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

    /// <summary>
    /// One draw of teacher, projector and data. The fitted θ depends on the data only through the
    /// student features f = 𝒫Λ^(1/2)z and labels y = ωᵀΛ^(1/2)z, so where the full S-dimensional
    /// sample is not needed the trainer samples an exactly equivalent, cheaper representation:
    /// (f, y) jointly Gaussian when D ≥ P, or the Wishart identity for 𝒫ᵀ𝒫 when D &lt; P.
    /// </summary>
    private static (double Loss, double TrainLoss, double Reference) Draw(RandomFeatureSpec spec, Tensor lambda, int samples, int k, bool sampleAllFeatures)
    {
        int p = spec.Parameters;
        var omega = Normal([spec.Features], TrainingSeeds.Derive(spec.Seed, k, TeacherPart)) / Math.Sqrt(spec.Features);
        bool needAllFeatures = spec.Reference == RandomFeatureReference.AllFeatures;
        if (sampleAllFeatures) return DrawDirect(spec, lambda, omega, samples, k);
        if (spec.AverageTeacher && spec.Projection == RandomFeatureProjection.Gaussian && samples < p && spec.Reference != RandomFeatureReference.InfiniteData)
        {
            return DrawGaussianWishart(spec, lambda, omega, samples, k);
        }
        if (spec.AverageTeacher) return DrawDirect(spec, lambda, omega, samples, k);
        if (spec.Projection == RandomFeatureProjection.Coordinate)
        {
            return needAllFeatures || p == spec.Features ? DrawDirect(spec, lambda, omega, samples, k) : DrawCoordinateJoint(spec, lambda, omega, samples, k);
        }
        if (samples < p && spec.Reference != RandomFeatureReference.InfiniteData) return DrawGaussianWishart(spec, lambda, omega, samples, k);
        if (samples >= p && !needAllFeatures) return DrawGaussianJoint(spec, lambda, omega, samples, k);
        return DrawDirect(spec, lambda, omega, samples, k);
    }

    /// <summary>Samples all S features of every sample: the recipe written out, used where no shortcut applies.</summary>
    private static (double, double, double) DrawDirect(RandomFeatureSpec spec, Tensor lambda, Tensor omega, int samples, int k)
    {
        int s = spec.Features, p = spec.Parameters;
        var x = Normal([samples, s], TrainingSeeds.Derive(spec.Seed, k, DataPart)) * lambda.sqrt();
        var y = x.matmul(omega);
        Tensor? projector = spec.Projection == RandomFeatureProjection.Gaussian
            ? Normal([p, s], TrainingSeeds.Derive(spec.Seed, k, ProjectorPart)) / Math.Sqrt(p)
            : null;
        var studentFeatures = projector is null ? x[.., ..p] : x.matmul(projector.t());
        var theta = MinimumNormLeastSquares(studentFeatures, y);
        double loss = PopulationLoss(Lift(theta, projector, s), omega, lambda);
        double train = TrainLoss(studentFeatures, theta, y);
        if (spec.AverageTeacher)
        {
            // θ = A⁺y with y = Xω, so 𝒫ᵀθ = (𝒫ᵀA⁺)·X·ω: a rank-D linear map of ω.
            loss = TeacherAveragedLoss(Lift2(PseudoInverse(studentFeatures), projector, s), x, lambda);
        }
        double reference = spec.Reference switch
        {
            RandomFeatureReference.InfiniteData when spec.AverageTeacher => InfiniteDataLoss(spec, lambda, k),
            RandomFeatureReference.InfiniteData => PopulationLoss(Lift(PopulationOptimum(omega, lambda, projector, p), projector, s), omega, lambda),
            RandomFeatureReference.AllFeatures when spec.AverageTeacher => TeacherAveragedLoss(PseudoInverse(x), x, lambda),
            RandomFeatureReference.AllFeatures => PopulationLoss(MinimumNormLeastSquares(x, y), omega, lambda),
            _ => 0.0,
        };
        return (loss, train, reference);
    }

    /// <summary>
    /// Coordinate 𝒫: f = Λ_P^(1/2) z_P and y = fᵀω_P + ε with ε ~ N(0, Σ_{i&gt;P} λ_i ω_i²) independent of f,
    /// which is the law of the unobserved tail features' contribution.
    /// </summary>
    private static (double, double, double) DrawCoordinateJoint(RandomFeatureSpec spec, Tensor lambda, Tensor omega, int samples, int k)
    {
        int p = spec.Parameters;
        var z = Normal([samples, p + 1], TrainingSeeds.Derive(spec.Seed, k, DataPart));
        var f = z[.., ..p] * lambda[..p].sqrt();
        double tailVariance = (lambda[p..] * omega[p..].square()).sum().item<double>();
        var y = f.matmul(omega[..p]) + z[.., p] * Math.Sqrt(tailVariance);
        var theta = MinimumNormLeastSquares(f, y);
        double loss = 0.5 * ((lambda[..p] * (theta - omega[..p]).square()).sum().item<double>() + tailVariance);
        double reference = spec.Reference == RandomFeatureReference.InfiniteData ? 0.5 * tailVariance : 0.0;
        return (loss, TrainLoss(f, theta, y), reference);
    }

    /// <summary>
    /// Gaussian 𝒫, D ≥ P: (f, y) is Gaussian with covariance [[𝒫Λ𝒫ᵀ, 𝒫Λω], [ωᵀΛ𝒫ᵀ, ωᵀΛω]], so D×(P+1)
    /// normals replace D×S, and the population loss is a quadratic form in that covariance.
    /// </summary>
    private static (double, double, double) DrawGaussianJoint(RandomFeatureSpec spec, Tensor lambda, Tensor omega, int samples, int k)
    {
        int s = spec.Features, p = spec.Parameters;
        var projector = Normal([p, s], TrainingSeeds.Derive(spec.Seed, k, ProjectorPart)) / Math.Sqrt(p);
        var lifted = torch.cat([projector, omega.unsqueeze(0)], 0);          // rows: 𝒫, ωᵀ
        var covariance = (lifted * lambda).matmul(lifted.t());               // (P+1)×(P+1)
        var cholesky = torch.linalg.cholesky(covariance);
        var joint = Normal([samples, p + 1], TrainingSeeds.Derive(spec.Seed, k, DataPart)).matmul(cholesky.t());
        var f = joint[.., ..p];
        var y = joint[.., p];
        var theta = MinimumNormLeastSquares(f, y);
        var sigmaFF = covariance[..p, ..p];
        var sigmaFY = covariance[..p, p];
        double sigmaYY = covariance[p, p].item<double>();
        double loss = 0.5 * (theta.dot(sigmaFF.matmul(theta)).item<double>() - 2 * theta.dot(sigmaFY).item<double>() + sigmaYY);
        double reference = 0.0;
        if (spec.Reference == RandomFeatureReference.InfiniteData)
        {
            var optimum = torch.linalg.solve(sigmaFF, sigmaFY);
            reference = 0.5 * (sigmaYY - sigmaFY.dot(optimum).item<double>());
        }
        return (loss, TrainLoss(f, theta, y), reference);
    }

    /// <summary>
    /// Gaussian 𝒫 = G/√P, D &lt; P: the minimum-norm student's coefficients on the teacher features are
    /// 𝒫ᵀ𝒫Xᵀ(X𝒫ᵀ𝒫Xᵀ)⁻¹y, so only GᵀG Xᵀ is needed. With Xᵀ = QR (Q: S×D orthonormal), GQ = A is a
    /// P×D standard normal matrix and GᵀGQ = Q AᵀA + W⊥Lᵀ, where LLᵀ = AᵀA and W⊥ is an S×D standard
    /// normal matrix projected off span(Q): equal in law to the product with the full P×S matrix,
    /// at (S + P)·D normals instead of P·S.
    /// </summary>
    private static (double, double, double) DrawGaussianWishart(RandomFeatureSpec spec, Tensor lambda, Tensor omega, int samples, int k)
    {
        int s = spec.Features, p = spec.Parameters;
        var x = Normal([samples, s], TrainingSeeds.Derive(spec.Seed, k, DataPart)) * lambda.sqrt();
        var y = x.matmul(omega);
        var (q, r) = torch.linalg.qr(x.t());
        var a = Normal([p, samples], TrainingSeeds.Derive(spec.Seed, k, ProjectorPart));
        var ata = a.t().matmul(a);
        var l = torch.linalg.cholesky(ata);
        var w = Normal([s, samples], TrainingSeeds.Derive(spec.Seed, k, ProjectorPart + 16));
        var wPerp = w - q.matmul(q.t().matmul(w));
        var gtgXt = (q.matmul(ata) + wPerp.matmul(l.t())).matmul(r) / p;    // 𝒫ᵀ𝒫Xᵀ, S×D
        var kernel = x.matmul(gtgXt);                                          // X𝒫ᵀ𝒫Xᵀ = FFᵀ, D×D
        var coefficients = gtgXt.matmul(torch.linalg.solve(kernel, y));
        double loss = spec.AverageTeacher
            ? TeacherAveragedLoss(torch.linalg.solve(kernel, gtgXt.t()).t(), x, lambda)   // 𝒫ᵀθ = [𝒫ᵀ𝒫Xᵀ(FFᵀ)⁻¹]·X·ω
            : PopulationLoss(coefficients, omega, lambda);
        double reference = spec.Reference != RandomFeatureReference.AllFeatures ? 0.0
            : spec.AverageTeacher ? TeacherAveragedLoss(PseudoInverse(x), x, lambda)
            : PopulationLoss(MinimumNormLeastSquares(x, y), omega, lambda);
        return (loss, 0.0, reference); // D < P: the minimum-norm student interpolates, training loss 0
    }

    /// <summary>
    /// E_ω of ½(Mω − ω)ᵀΛ(Mω − ω) for ω ~ N(0, I/S) and M = U·V (U: S×D, V: D×S):
    /// (1/2S)·[Tr Λ − 2 Tr(VΛU) + Tr(UᵀΛU·VVᵀ)], computed with D×D products only.
    /// </summary>
    private static double TeacherAveragedLoss(Tensor u, Tensor v, Tensor lambda)
    {
        double s = lambda.shape[0];
        double trace = lambda.sum().item<double>();
        double cross = (v * lambda).matmul(u).trace().item<double>();
        double quadratic = (u.t() * lambda).matmul(u).matmul(v.matmul(v.t())).trace().item<double>();
        return (trace - 2 * cross + quadratic) / (2 * s);
    }

    /// <summary>A⁺ for A of full rank (D×P): the map y ↦ minimum-norm least-squares θ, as a P×D matrix.</summary>
    private static Tensor PseudoInverse(Tensor a)
    {
        long rows = a.shape[0], columns = a.shape[1];
        if (rows < columns) return a.t().matmul(torch.linalg.inv(a.matmul(a.t())));
        var (q, r) = torch.linalg.qr(a);
        return torch.linalg.solve_triangular(r, q.t(), upper: true);
    }

    /// <summary>𝒫ᵀ·B for a P×D matrix B: student maps expressed on the teacher's S features.</summary>
    private static Tensor Lift2(Tensor b, Tensor? projector, int s) =>
        projector is null ? torch.nn.functional.pad(b, [0, 0, 0, s - b.shape[0]]) : projector.t().matmul(b);

    private static double TrainLoss(Tensor features, Tensor theta, Tensor y) =>
        0.5 * (features.matmul(theta) - y).square().mean().item<double>();

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
    /// Minimum-norm solution of A θ = y in the least-squares sense, for A of full rank (Gaussian
    /// features are, almost surely). Over-parameterised (rows &lt; columns): θ = Aᵀ(AAᵀ)⁻¹y, the
    /// interpolant of least norm. Otherwise Householder QR, θ = R⁻¹Qᵀy. LAPACK's gelsy (the default
    /// of linalg.lstsq) is avoided because its results differ in the last bits from call to call,
    /// which would break bit-identical reruns.
    /// </summary>
    internal static Tensor MinimumNormLeastSquares(Tensor a, Tensor y)
    {
        long rows = a.shape[0], columns = a.shape[1];
        if (rows < columns)
        {
            var gram = a.matmul(a.t());
            return a.t().matmul(torch.linalg.solve(gram, y));
        }
        var (q, r) = torch.linalg.qr(a);
        return torch.linalg.solve_triangular(r, q.t().matmul(y).unsqueeze(1), upper: true).squeeze(1);
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
