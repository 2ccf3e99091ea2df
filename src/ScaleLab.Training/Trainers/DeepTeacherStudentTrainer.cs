using System.Diagnostics;
using ScaleLab.Diagnostics;
using ScaleLab.Experiments;
using ScaleLab.Experiments.Specs;
using ScaleLab.Training.Optimization;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace ScaleLab.Training.Trainers;

/// <summary>
/// Deep teacher–student experiment of Bahri et al. 2021 (Fig. 1b): the teacher is a fixed random
/// tanh network on inputs uniform in [−1, 1]^d (a smooth target on a d-dimensional manifold); the
/// student is a ReLU MLP trained with Adam on D samples with MSE, early-stopped on a validation
/// split; the reported loss is the MSE on fresh test samples. Resolution-limited theory predicts
/// L(D) ∝ D^(−4/d). Every random number comes from generators seeded by the spec, so a spec
/// reproduces its run bit for bit; the global torch generator is not used.
/// </summary>
public static class DeepTeacherStudentTrainer
{
    /// <summary>Trainer name recorded in <see cref="RunResult.Trainer"/>.</summary>
    public const string Name = BuiltInExperiments.TeacherStudentKind;

    private const int TeacherPart = 1, TrainPart = 2, ValidationPart = 3, TestPart = 4, InitPart = 5, OrderPart = 6, NoisePart = 7;

    /// <summary>Trains one student and measures it.</summary>
    /// <exception cref="ArgumentException">The spec is invalid.</exception>
    /// <exception cref="OperationCanceledException">Cancelled between steps.</exception>
    public static RunResult Run(DeepTeacherStudentSpec spec, IProgress<TrainingProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(spec);
        spec.Validate();
        var clock = Stopwatch.StartNew();
        torch.set_num_threads(1);
        torch.manual_seed(TrainingSeeds.DeriveTorch(spec.Seed, 0, InitPart));
        using var outer = torch.NewDisposeScope();

        var teacher = Mlp(spec.InputDimension, spec.TeacherWidth, spec.TeacherDepth, tanh: true, TrainingSeeds.Derive(spec.TeacherSeed, 0, TeacherPart), teacherGain: true);
        var (xTrain, yTrain) = Sample(teacher, spec.InputDimension, spec.Samples, TrainingSeeds.Derive(spec.Seed, 0, TrainPart));
        var (xValid, yValid) = Sample(teacher, spec.InputDimension, spec.ValidationSamples, TrainingSeeds.Derive(spec.Seed, 0, ValidationPart));
        var (xTest, yTest) = Sample(teacher, spec.InputDimension, spec.TestSamples, TrainingSeeds.Derive(spec.Seed, 0, TestPart));
        if (spec.LabelNoise > 0)
        {
            using var noise = new torch.Generator(TrainingSeeds.Derive(spec.Seed, 0, NoisePart));
            yTrain = yTrain + spec.LabelNoise * torch.randn(yTrain.shape, generator: noise);
        }

        var student = Mlp(spec.InputDimension, spec.Width, spec.Depth, tanh: false, TrainingSeeds.Derive(spec.Seed, 0, InitPart), teacherGain: false);
        long parameters = student.parameters().Sum(p => p.numel());
        using var optimizer = new LeanAdam(student.parameters(), spec.LearningRate);
        using var order = new torch.Generator(TrainingSeeds.Derive(spec.Seed, 0, OrderPart));

        int batch = Math.Min(spec.BatchSize, spec.Samples);
        int stepsPerEpoch = (spec.Samples + batch - 1) / batch;
        long totalSteps = (long)stepsPerEpoch * spec.MaxEpochs;
        double best = double.PositiveInfinity;
        int bestEpoch = 0, epochsRun = 0;
        long steps = 0;
        Tensor[]? bestState = null;
        var status = RunStatus.Completed;
        double lastLoss = double.NaN;

        for (int epoch = 1; epoch <= spec.MaxEpochs; epoch++)
        {
            epochsRun = epoch;
            using (var epochScope = torch.NewDisposeScope())
            {
                // Shuffle once per epoch and slice views per step: one gather per epoch instead of two per step.
                var permutation = torch.randperm(spec.Samples, generator: order);
                var xEpoch = xTrain.index_select(0, permutation);
                var yEpoch = yTrain.index_select(0, permutation);
                for (int start = 0; start < spec.Samples; start += batch)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    using var scope = torch.NewDisposeScope();
                    int size = Math.Min(batch, spec.Samples - start);
                    optimizer.ZeroGrad();
                    var loss = torch.nn.functional.mse_loss(student.call(xEpoch.narrow(0, start, size)), yEpoch.narrow(0, start, size));
                    loss.backward();
                    optimizer.Step();
                    steps++;
                    if (start + batch >= spec.Samples) lastLoss = loss.item<float>();
                }
            }
            if (!double.IsFinite(lastLoss))
            {
                status = RunStatus.Diverged;
                break;
            }
            double validation = Mse(student, xValid, yValid);
            progress?.Report(new TrainingProgress(steps, totalSteps, lastLoss));
            if (validation < best)
            {
                best = validation;
                bestEpoch = epoch;
                if (spec.Patience is not null)
                {
                    if (bestState is not null) foreach (var t in bestState) t.Dispose();
                    bestState = Snapshot(student);
                }
            }
            else if (spec.Patience is { } patience && epoch - bestEpoch >= patience)
            {
                status = RunStatus.EarlyStopped;
                break;
            }
        }
        if (bestState is not null) Restore(student, bestState);

        var diagnostics = new List<Diagnostic>();
        if (status == RunStatus.EarlyStopped)
        {
            diagnostics.Add(Diagnostic.Info("early-stopped", $"validation MSE stopped improving: best at epoch {bestEpoch} of {epochsRun}; metrics are those of epoch {bestEpoch}"));
        }
        else if (status == RunStatus.Diverged)
        {
            diagnostics.Add(Diagnostic.Error("diverged", $"training loss became {lastLoss} at step {steps}; lower the learning rate"));
        }
        else if (spec.Patience is not null && bestEpoch == spec.MaxEpochs)
        {
            diagnostics.Add(Diagnostic.Warning("still-improving", $"validation MSE still improved in the last of {spec.MaxEpochs} epochs: the student may be under-trained"));
        }

        double samplesProcessed = (double)steps / stepsPerEpoch * spec.Samples;
        double compute = 6.0 * parameters * samplesProcessed + 2.0 * parameters * spec.ValidationSamples * epochsRun;
        return new RunResult
        {
            Trainer = Name,
            Configuration = TrainingJson.Serialize(spec),
            Seed = spec.Seed,
            Parameters = parameters,
            ParameterCounting = "all trainable student parameters (weights and biases)",
            Samples = spec.Samples,
            SampleUnit = "samples",
            Compute = compute,
            ComputeCounting = "6·N per training sample processed (forward + backward) over all steps, plus 2·N per validation sample per epoch",
            MetricName = "mse",
            TrainMetrics = new SortedDictionary<string, double>(StringComparer.Ordinal)
            {
                ["mse"] = Mse(student, xTrain, yTrain),
                ["validationMse"] = Mse(student, xValid, yValid),
                ["epochs"] = epochsRun,
                ["bestEpoch"] = bestEpoch,
            },
            TestMetrics = new SortedDictionary<string, double>(StringComparer.Ordinal)
            {
                ["mse"] = Mse(student, xTest, yTest),
                ["teacherVariance"] = yTest.var().item<float>(),
            },
            Steps = steps,
            WallTime = clock.Elapsed,
            Status = status,
            Diagnostics = diagnostics,
        };
    }

    /// <summary>
    /// A d → w → … → w → 1 MLP. Initialised from its own generator: the teacher with N(0, 1/fan_in)
    /// weights and gain so that tanh units are neither saturated nor linear; the student like
    /// PyTorch's default (uniform ±1/√fan_in).
    /// </summary>
    private static Sequential Mlp(int input, int width, int depth, bool tanh, ulong seed, bool teacherGain)
    {
        var layers = new List<(string, torch.nn.Module<Tensor, Tensor>)>();
        int fanIn = input;
        for (int i = 0; i < depth; i++)
        {
            layers.Add(($"linear{i}", torch.nn.Linear(fanIn, width, dtype: ScalarType.Float32)));
            layers.Add(($"act{i}", tanh ? torch.nn.Tanh() : torch.nn.ReLU()));
            fanIn = width;
        }
        layers.Add(("out", torch.nn.Linear(fanIn, 1, dtype: ScalarType.Float32)));
        var model = torch.nn.Sequential(layers);
        using var generator = new torch.Generator(seed);
        using (torch.no_grad())
        {
            foreach (var (name, parameter) in model.named_parameters())
            {
                long fan = parameter.dim() == 2 ? parameter.shape[1] : parameter.shape[0];
                if (teacherGain)
                {
                    double std = parameter.dim() == 2 ? 2.0 / Math.Sqrt(fan) : 0.5;
                    parameter.normal_(0, std, generator);
                }
                else
                {
                    // PyTorch's nn.Linear default: weights and biases U(±1/√fan_in) (bias fan_in = the weight's).
                    double bound = 1.0 / Math.Sqrt(parameter.dim() == 2 ? fan : BiasFanIn(model, name));
                    parameter.uniform_(-bound, bound, generator);
                }
            }
        }
        return model;
    }

    private static long BiasFanIn(Sequential model, string biasName)
    {
        string weightName = biasName[..biasName.LastIndexOf('.')] + ".weight";
        return model.named_parameters().First(p => p.name == weightName).parameter.shape[1];
    }

    private static (Tensor X, Tensor Y) Sample(Sequential teacher, int dimension, int count, ulong seed)
    {
        using var generator = new torch.Generator(seed);
        var x = torch.rand([count, dimension], generator: generator) * 2 - 1;
        using (torch.no_grad())
        {
            return (x, teacher.call(x));
        }
    }

    private static double Mse(Sequential model, Tensor x, Tensor y)
    {
        using var scope = torch.NewDisposeScope();
        using (torch.no_grad())
        {
            return torch.nn.functional.mse_loss(model.call(x), y).item<float>();
        }
    }

    private static Tensor[] Snapshot(Sequential model)
    {
        using (torch.no_grad())
        {
            return model.parameters().Select(p => p.detach().clone()).ToArray();
        }
    }

    private static void Restore(Sequential model, Tensor[] state)
    {
        using (torch.no_grad())
        {
            foreach (var (parameter, saved) in model.parameters().Zip(state)) parameter.copy_(saved);
        }
    }
}
