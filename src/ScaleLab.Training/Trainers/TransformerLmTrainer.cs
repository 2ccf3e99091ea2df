using System.Diagnostics;
using ScaleLab.Diagnostics;
using ScaleLab.Training.Language;
using ScaleLab.Training.Specs;
using TorchSharp;
using static TorchSharp.torch;

namespace ScaleLab.Training.Trainers;

/// <summary>
/// Trains a <see cref="TinyTransformer"/> on next-token prediction, one pass over fresh data (every
/// training token is seen once), with AdamW (β = 0.9, 0.95, no weight decay), gradient clipping at norm 1, linear
/// warm-up and cosine decay to 10% over exactly the run's steps (a schedule matched to each run's
/// budget, Hoffmann et al. 2022 App. B). Data: a <see cref="MarkovSource"/> with known entropy rate, or
/// a text file read as bytes (first 90% for training windows, last 10% held out).
/// </summary>
public static class TransformerLmTrainer
{
    /// <summary>Trainer name recorded in <see cref="RunResult.Trainer"/>.</summary>
    public const string Name = "transformer-lm";

    private const int InitPart = 1, DataPart = 2, EvaluationPart = 3;

    /// <summary>Trains one model and scores it on held-out tokens.</summary>
    /// <exception cref="ArgumentException">The spec is invalid.</exception>
    /// <exception cref="IOException">The text file cannot be read.</exception>
    /// <exception cref="OperationCanceledException">Cancelled between steps.</exception>
    public static RunResult Run(TransformerLmSpec spec, IProgress<TrainingProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(spec);
        spec.Validate();
        var clock = Stopwatch.StartNew();
        torch.set_num_threads(1);
        torch.manual_seed(TrainingSeeds.DeriveTorch(spec.Seed, 0, InitPart));
        using var outer = torch.NewDisposeScope();

        var data = TokenStream.Open(spec);
        int window = spec.Context + 1;
        var model = new TinyTransformer(data.Vocabulary, spec.Context, spec.ModelDimension, spec.Layers, spec.Heads);
        using (var init = new torch.Generator(TrainingSeeds.Derive(spec.Seed, 0, InitPart))) model.Initialise(init);
        long parameters = model.parameters().Sum(p => p.numel());
        long nonEmbedding = parameters - model.EmbeddingParameters;

        // Single-pass training on fresh tokens cannot overfit, so no weight decay.
        var optimizer = torch.optim.AdamW(model.parameters(), spec.LearningRate, beta1: 0.9, beta2: 0.95, weight_decay: 0.0);

        var trainRandom = new Random(unchecked((int)TrainingSeeds.Derive(spec.Seed, 0, DataPart)));
        var batchTokens = new long[spec.BatchSize * window];
        var recent = new Queue<double>();
        var status = RunStatus.Completed;
        double lastLoss = double.NaN;
        long steps = 0;
        model.train();
        for (int step = 0; step < spec.Steps; step++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            using var scope = torch.NewDisposeScope();
            SetLearningRate(optimizer, spec, step);
            data.FillTraining(trainRandom, batchTokens, window);
            var batch = torch.tensor(batchTokens, [spec.BatchSize, window], ScalarType.Int64);
            var input = batch[.., ..spec.Context];
            var target = batch[.., 1..];
            optimizer.zero_grad();
            var logits = model.call(input);
            var loss = nn.functional.cross_entropy(logits.reshape(-1, data.Vocabulary), target.reshape(-1));
            loss.backward();
            nn.utils.clip_grad_norm_(model.parameters(), 1.0);
            optimizer.step();
            steps++;
            lastLoss = loss.item<float>();
            if (!double.IsFinite(lastLoss))
            {
                status = RunStatus.Diverged;
                break;
            }
            recent.Enqueue(lastLoss);
            if (recent.Count > 20) recent.Dequeue();
            if (progress is not null && (step % 10 == 0 || step == spec.Steps - 1)) progress.Report(new TrainingProgress(steps, spec.Steps, lastLoss));
        }

        model.eval();
        var (nll, accuracy) = Evaluate(model, data, spec, window);
        var test = new SortedDictionary<string, double>(StringComparer.Ordinal)
        {
            ["nll"] = nll,
            ["perplexity"] = Math.Exp(nll),
            ["bitsPerToken"] = nll / Math.Log(2),
            ["accuracy"] = accuracy,
        };
        if (data.BytesPerToken is { } bytes) test["bitsPerByte"] = nll / (Math.Log(2) * bytes);
        if (data.EntropyRate is { } h)
        {
            test["entropyRate"] = h;
            test["excessNll"] = nll - h;
        }
        var diagnostics = new List<Diagnostic>();
        if (status == RunStatus.Diverged) diagnostics.Add(Diagnostic.Error("diverged", $"training loss became {lastLoss} at step {steps}; lower the learning rate"));

        double tokens = (double)steps * spec.BatchSize * spec.Context;
        double compute = tokens * (6.0 * nonEmbedding + 6.0 * spec.Layers * spec.Context * spec.ModelDimension);
        return new RunResult
        {
            Trainer = Name,
            Configuration = TrainingJson.Serialize(spec),
            Seed = spec.Seed,
            Parameters = parameters,
            NonEmbeddingParameters = nonEmbedding,
            ParameterCounting = "all trainable parameters including token and position embeddings and the untied head; nonEmbeddingParameters excludes the two embedding tables (Kaplan et al. 2020)",
            Samples = tokens,
            SampleUnit = "tokens",
            Compute = compute,
            ComputeCounting = "per training token 6·N_non-embedding (head included) + 6·n_layer·n_ctx·d_model for attention scores (Kaplan et al. 2020 Table 1, training = 3× forward)",
            MetricName = "nll",
            TrainMetrics = new SortedDictionary<string, double>(StringComparer.Ordinal) { ["nll"] = recent.Count > 0 ? recent.Average() : double.NaN },
            TestMetrics = test,
            Steps = steps,
            WallTime = clock.Elapsed,
            Status = status,
            Diagnostics = diagnostics,
        };
    }

    private static void SetLearningRate(optim.Optimizer optimizer, TransformerLmSpec spec, int step)
    {
        double rate;
        if (step < spec.WarmupSteps) rate = spec.LearningRate * (step + 1) / spec.WarmupSteps;
        else
        {
            double progress = spec.Steps <= spec.WarmupSteps ? 1 : (double)(step - spec.WarmupSteps) / (spec.Steps - spec.WarmupSteps);
            rate = spec.LearningRate * (0.1 + 0.9 * 0.5 * (1 + Math.Cos(Math.PI * progress)));
        }
        foreach (var group in optimizer.ParamGroups) group.LearningRate = rate;
    }

    /// <summary>Mean NLL (nats/token) and top-1 accuracy over the held-out windows.</summary>
    private static (double Nll, double Accuracy) Evaluate(TinyTransformer model, TokenStream data, TransformerLmSpec spec, int window)
    {
        var windows = data.EvaluationWindows(spec, window);
        double totalNll = 0;
        long correct = 0, count = 0;
        const int chunk = 64;
        using (torch.no_grad())
        {
            for (int start = 0; start < windows.Length / window; start += chunk)
            {
                using var scope = torch.NewDisposeScope();
                int rows = Math.Min(chunk, windows.Length / window - start);
                var batch = torch.tensor(windows.AsSpan(start * window, rows * window).ToArray(), [rows, window], ScalarType.Int64);
                var logits = model.call(batch[.., ..spec.Context]).reshape(-1, data.Vocabulary);
                var target = batch[.., 1..].reshape(-1);
                totalNll += nn.functional.cross_entropy(logits, target, reduction: nn.Reduction.Sum).item<float>();
                correct += logits.argmax(-1).eq(target).sum().item<long>();
                count += target.shape[0];
            }
        }
        return (totalNll / count, (double)correct / count);
    }
}
