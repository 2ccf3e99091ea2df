namespace ScaleLab.Experiments.Specs;

/// <summary>
/// One deep teacher–student run (Bahri et al. 2021 Fig. 1b): a fixed random ReLU teacher on inputs
/// uniform in [−1, 1]^d, a ReLU MLP student trained with Adam on D samples (MSE), early stopping on a
/// validation split, loss measured on fresh test samples. The resolution-limited exponent is ≈ 4/d.
/// </summary>
/// <param name="InputDimension">d, the input (= data-manifold) dimension.</param>
/// <param name="Samples">D, training samples (the validation split is drawn in addition).</param>
/// <param name="Width">Student hidden width w.</param>
/// <param name="Depth">Student hidden layers.</param>
/// <param name="TeacherWidth">Teacher hidden width.</param>
/// <param name="TeacherDepth">Teacher hidden layers.</param>
/// <param name="TeacherSeed">Seed of the teacher network; keep it fixed across a study so every run learns the same function.</param>
/// <param name="Seed">Seed of the data draw, student initialisation and batch order.</param>
/// <param name="BatchSize">Minibatch size (capped at D).</param>
/// <param name="LearningRate">Adam learning rate.</param>
/// <param name="MaxEpochs">Upper bound on passes over the training data.</param>
/// <param name="Patience">Stop after this many epochs without a better validation loss; null trains all epochs.</param>
/// <param name="ValidationSamples">Samples in the validation split used for early stopping.</param>
/// <param name="TestSamples">Fresh samples on which the reported test loss is measured.</param>
/// <param name="LabelNoise">Standard deviation of Gaussian noise added to training labels.</param>
public sealed record DeepTeacherStudentSpec(
    int InputDimension,
    int Samples,
    int Width = 64,
    int Depth = 2,
    int TeacherWidth = 32,
    int TeacherDepth = 2,
    long TeacherSeed = 1,
    long Seed = 0,
    int BatchSize = 128,
    double LearningRate = 1e-3,
    int MaxEpochs = 200,
    int? Patience = 20,
    int ValidationSamples = 1000,
    int TestSamples = 4000,
    double LabelNoise = 0)
{
    /// <summary>Throws <see cref="ArgumentException"/> naming the first invalid field.</summary>
    public void Validate()
    {
        if (InputDimension < 1) throw new ArgumentException($"inputDimension must be ≥ 1 (got {InputDimension})", nameof(InputDimension));
        if (Samples < 1) throw new ArgumentException($"samples must be ≥ 1 (got {Samples})", nameof(Samples));
        if (Width < 1 || Depth < 1) throw new ArgumentException($"width and depth must be ≥ 1 (got {Width}, {Depth})", nameof(Width));
        if (TeacherWidth < 1 || TeacherDepth < 1) throw new ArgumentException($"teacherWidth and teacherDepth must be ≥ 1 (got {TeacherWidth}, {TeacherDepth})", nameof(TeacherWidth));
        if (BatchSize < 1) throw new ArgumentException($"batchSize must be ≥ 1 (got {BatchSize})", nameof(BatchSize));
        if (!double.IsFinite(LearningRate) || LearningRate <= 0) throw new ArgumentException($"learningRate must be positive (got {LearningRate})", nameof(LearningRate));
        if (MaxEpochs < 1) throw new ArgumentException($"maxEpochs must be ≥ 1 (got {MaxEpochs})", nameof(MaxEpochs));
        if (Patience is < 1) throw new ArgumentException($"patience must be ≥ 1 or absent (got {Patience})", nameof(Patience));
        if (ValidationSamples < 1 || TestSamples < 1) throw new ArgumentException("validationSamples and testSamples must be ≥ 1", nameof(ValidationSamples));
        if (!double.IsFinite(LabelNoise) || LabelNoise < 0) throw new ArgumentException($"labelNoise must be ≥ 0 (got {LabelNoise})", nameof(LabelNoise));
    }
}
