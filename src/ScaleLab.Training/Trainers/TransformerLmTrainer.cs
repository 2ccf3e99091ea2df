using System.Diagnostics;
using ScaleLab.Diagnostics;
using ScaleLab.Experiments;
using ScaleLab.Experiments.Specs;
using ScaleLab.Training.Language;
using TorchSharp;
using static TorchSharp.torch;

namespace ScaleLab.Training.Trainers;

/// <summary>
/// Tiny transformer language model trained on the CPU: AdamW, linear warm-up then cosine decay to
/// 10 % of the peak rate, next-token cross-entropy. On a <see cref="MarkovSource"/> every training
/// token is fresh (one epoch, so the Chinchilla single-epoch setting holds) and the held-out stream
/// comes from its own seed; the source's entropy rate H is the loss floor E a law fitted to these
/// runs should find. On a text file the bytes are the tokens (vocabulary 256), the last 10 % is
/// held out, and training windows are drawn at random (repeats counted in D).
/// </summary>
/// <remarks>
/// N counts every trainable parameter (embeddings included, Hoffmann et al.'s convention; the
/// non-embedding count is in the metrics); C = 6·N·D. One torch thread, a dispose scope per step,
/// seeded initialisation and data: runs are bit-identical for a seed.
/// </remarks>
public static class TransformerLmTrainer
{
    /// <summary>Trainer name recorded in <see cref="RunResult.Trainer"/>.</summary>
    public const string Name = BuiltInExperiments.LanguageModelKind;

    private const int InitPart = 1, TrainDataPart = 2, EvalDataPart = 3, BatchPart = 4;

    /// <summary>Trains one model and scores it on held-out tokens.</summary>
    /// <exception cref="ArgumentException">The spec is invalid or the text file is too short.</exception>
    /// <exception cref="OperationCanceledException">Cancelled between steps.</exception>
    public static RunResult Run(TransformerLmSpec spec, IProgress<TrainingProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(spec);
        spec.Validate();
        var clock = Stopwatch.StartNew();
        torch.set_num_threads(1);
        var corpus = Corpus.Create(spec);
        torch.manual_seed(TrainingSeeds.DeriveTorch(spec.Seed, 0, InitPart));
        using var model = new TinyTransformer(corpus.Vocabulary, spec.ModelDimension, spec.Layers, spec.Heads, spec.Context);
        long parameters = model.parameters().Sum(p => p.numel());
        using var optimizer = torch.optim.AdamW(model.parameters(), spec.LearningRate, weight_decay: 0.0);
        var batchRandom = new Random(unchecked((int)TrainingSeeds.Derive(spec.Seed, 0, BatchPart)));
        var recent = new Queue<double>();
        int window = Math.Max(1, spec.Steps / 10);
        var diagnostics = new List<Diagnostic>();
        model.train();
        for (int step = 0; step < spec.Steps; step++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            using var scope = torch.NewDisposeScope();
            SetLearningRate(optimizer, LearningRate(spec, step));
            var (inputs, targets) = corpus.TrainingBatch(step, spec.BatchSize, spec.Context, batchRandom);
            optimizer.zero_grad();
            var logits = model.forward(inputs);
            var loss = nn.functional.cross_entropy(logits.view(-1, corpus.Vocabulary), targets.view(-1));
            loss.backward();
            optimizer.step();
            double value = loss.item<float>();
            if (!double.IsFinite(value))
            {
                diagnostics.Add(Diagnostic.Error("diverged", $"training loss became {value} at step {step}"));
                break;
            }
            recent.Enqueue(value);
            if (recent.Count > window) recent.Dequeue();
            if (progress is not null && (step % 10 == 0 || step == spec.Steps - 1)) progress.Report(new TrainingProgress(step + 1, spec.Steps, value));
        }

        var test = Evaluate(model, corpus, spec);
        if (corpus.EntropyRate is { } h)
        {
            test["entropyRate"] = h;
            test["excessLoss"] = test["loss"] - h;
        }
        test["nonEmbeddingParameters"] = parameters - model.EmbeddingParameters;
        double tokens = (double)spec.Steps * spec.BatchSize * spec.Context;
        return new RunResult
        {
            Trainer = Name,
            Configuration = TrainingJson.Serialize(spec),
            Seed = spec.Seed,
            Parameters = parameters,
            ParameterCounting = "all trainable parameters, embeddings included",
            Samples = tokens,
            SampleUnit = "tokens",
            Compute = 6.0 * parameters * tokens,
            ComputeCounting = "6ND",
            MetricName = "loss",
            TrainMetrics = new SortedDictionary<string, double>(StringComparer.Ordinal) { ["loss"] = recent.Count > 0 ? recent.Average() : double.NaN },
            TestMetrics = test,
            Steps = spec.Steps,
            WallTime = clock.Elapsed,
            Status = diagnostics.Count == 0 ? RunStatus.Completed : RunStatus.Diverged,
            Diagnostics = diagnostics,
        };
    }

    /// <summary>Linear warm-up to the peak, then cosine decay to 10 % of it at the last step.</summary>
    internal static double LearningRate(TransformerLmSpec spec, int step)
    {
        if (step < spec.WarmupSteps) return spec.LearningRate * (step + 1) / spec.WarmupSteps;
        double progress = spec.Steps - spec.WarmupSteps <= 1 ? 1 : (double)(step - spec.WarmupSteps) / (spec.Steps - spec.WarmupSteps - 1);
        return spec.LearningRate * (0.1 + 0.9 * 0.5 * (1 + Math.Cos(Math.PI * progress)));
    }

    private static void SetLearningRate(optim.Optimizer optimizer, double rate)
    {
        foreach (var group in optimizer.ParamGroups) group.LearningRate = rate;
    }

    private static SortedDictionary<string, double> Evaluate(TinyTransformer model, Corpus corpus, TransformerLmSpec spec)
    {
        model.eval();
        using var noGrad = torch.no_grad();
        using var scope = torch.NewDisposeScope();
        double nll = 0, correct = 0;
        long count = 0;
        foreach (var (inputs, targets) in corpus.EvaluationBatches(spec.Context, 32))
        {
            var logits = model.forward(inputs).view(-1, corpus.Vocabulary);
            var flat = targets.view(-1);
            nll += nn.functional.cross_entropy(logits, flat, reduction: nn.Reduction.Sum).item<float>();
            correct += logits.argmax(1).eq(flat).sum().item<long>();
            count += flat.numel();
        }
        double loss = nll / count;
        return new SortedDictionary<string, double>(StringComparer.Ordinal)
        {
            ["loss"] = loss,
            ["perplexity"] = Math.Exp(loss),
            ["bitsPerToken"] = loss / Math.Log(2),
            ["bitsPerByte"] = loss / Math.Log(2) / corpus.BytesPerToken,
            ["accuracy"] = correct / count,
            ["evaluationTokens"] = count,
        };
    }

    /// <summary>Token streams for training and evaluation.</summary>
    private sealed class Corpus
    {
        private readonly long[] _train;
        private readonly long[] _evaluation;
        private readonly bool _fresh;

        private Corpus(long[] train, long[] evaluation, int vocabulary, bool fresh, double? entropyRate, double bytesPerToken)
        {
            _train = train;
            _evaluation = evaluation;
            Vocabulary = vocabulary;
            _fresh = fresh;
            EntropyRate = entropyRate;
            BytesPerToken = bytesPerToken;
        }

        public int Vocabulary { get; }

        public double? EntropyRate { get; }

        public double BytesPerToken { get; }

        public static Corpus Create(TransformerLmSpec spec)
        {
            if (spec.Markov is { } markov)
            {
                var source = new MarkovSource(markov);
                long needed = (long)spec.Steps * spec.BatchSize * spec.Context + 1;
                if (needed > int.MaxValue) throw new ArgumentException("steps × batchSize × context is too large for one run", nameof(spec));
                var train = source.Sample((int)needed, TrainingSeeds.Derive(spec.Seed, 0, TrainDataPart));
                var evaluation = source.Sample(spec.EvaluationTokens + 1, TrainingSeeds.Derive(spec.Seed, 0, EvalDataPart));
                // A symbol of a V-symbol alphabet carries log2(V) bits, i.e. log2(V)/8 bytes.
                return new Corpus(train, evaluation, markov.Vocabulary, fresh: true, source.EntropyRate, Math.Log2(markov.Vocabulary) / 8);
            }
            var bytes = File.ReadAllBytes(spec.TextPath!);
            int split = (int)(bytes.Length * 0.9);
            if (split < spec.Context + 1 || bytes.Length - split < spec.Context + 1)
            {
                throw new ArgumentException($"{spec.TextPath}: {bytes.Length} bytes is too short for context {spec.Context} with a 10 % held-out part", nameof(spec));
            }
            var all = bytes.Select(b => (long)b).ToArray();
            return new Corpus(all[..split], all[split..], 256, fresh: false, null, 1.0);
        }

        public (Tensor Inputs, Tensor Targets) TrainingBatch(int step, int batchSize, int context, Random random)
        {
            var inputs = new long[batchSize * context];
            var targets = new long[batchSize * context];
            for (int b = 0; b < batchSize; b++)
            {
                long start = _fresh ? ((long)step * batchSize + b) * context : random.NextInt64(_train.Length - context);
                Array.Copy(_train, start, inputs, b * context, context);
                Array.Copy(_train, start + 1, targets, b * context, context);
            }
            return (torch.tensor(inputs, batchSize, context), torch.tensor(targets, batchSize, context));
        }

        public IEnumerable<(Tensor Inputs, Tensor Targets)> EvaluationBatches(int context, int batchSize)
        {
            int sequences = (_evaluation.Length - 1) / context;
            for (int first = 0; first < sequences; first += batchSize)
            {
                int rows = Math.Min(batchSize, sequences - first);
                var inputs = new long[rows * context];
                var targets = new long[rows * context];
                for (int b = 0; b < rows; b++)
                {
                    Array.Copy(_evaluation, (long)(first + b) * context, inputs, b * context, context);
                    Array.Copy(_evaluation, (long)(first + b) * context + 1, targets, b * context, context);
                }
                yield return (torch.tensor(inputs, rows, context), torch.tensor(targets, rows, context));
            }
        }
    }
}
