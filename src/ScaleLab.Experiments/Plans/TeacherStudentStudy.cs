using ScaleLab.Data;
using ScaleLab.Experiments.Specs;
using ScaleLab.Experiments.Theory;
using ScaleLab.Studies;

namespace ScaleLab.Experiments.Plans;

/// <summary>
/// The deep teacher–student study of Bahri et al. 2021 Fig. 1b: a random ReLU teacher on a
/// d-dimensional cube, ReLU students trained on D samples. Two sweeps share their corner run:
/// D at the widest student (resolution-limited in data) and width at the largest D (resolution-
/// limited in model size). Theory: α ≈ 4/d for both.
/// </summary>
public static class TeacherStudentStudy
{
    /// <summary>The run kind of teacher–student runs in the store.</summary>
    public const string Kind = BuiltInExperiments.TeacherStudentKind;

    /// <summary>The held-out metric fitted: the trainer's test mean squared error.</summary>
    public const string Metric = "mse";

    /// <summary>Adds the two sweeps and their regimes to <paramref name="builder"/>.</summary>
    /// <param name="builder">The plan being built.</param>
    /// <param name="inputDimension">d, the teacher's input dimension.</param>
    /// <param name="widths">Student widths; the largest is used for the data sweep.</param>
    /// <param name="samples">Training-set sizes D; the largest is used for the width sweep.</param>
    /// <param name="template">Every other setting (depth, optimiser, epochs, early stopping).</param>
    public static void AddTo(StudyPlanBuilder builder, int inputDimension, IReadOnlyCollection<int> widths, IReadOnlyCollection<int> samples,
        DeepTeacherStudentSpec? template = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (widths.Count == 0 || samples.Count == 0) throw new ArgumentException("at least one width and one sample size are needed");
        template ??= new DeepTeacherStudentSpec(inputDimension, samples.Max());
        string prefix = $"teacher-student/d={inputDimension}";
        builder.Define("d", "input dimension of the teacher network, the dimension of the data manifold (theory: exponent 4/d)");
        builder.Define("D", "training samples (inf: the exact infinite-data solution)");
        builder.Define("width", "hidden units per layer of the student network");
        builder.Define("N", "model size: trained parameters of a network, student features P of a random-feature model");
        // One teacher for the whole study: every run must learn the same function.
        long teacherSeed = builder.SeedFor(prefix + "/teacher");
        string Add(int width, int d)
        {
            long seed = builder.SeedFor($"{prefix}/w={width}/D={d}");
            var spec = template with { InputDimension = inputDimension, Width = width, Samples = d, TeacherSeed = teacherSeed, Seed = seed };
            return builder.Add(Kind, $"{prefix}/{(d == samples.Max() && width != widths.Max() ? "width" : "data")}", spec, seed);
        }
        double theory = BahriTheory.ResolutionLimitedExponent(inputDimension);
        int widest = widths.Max(), most = samples.Max();
        var dataKeys = samples.Distinct().Order().Select(d => Add(widest, d)).ToArray();
        builder.AddRegime($"resolution-limited, data (d = {inputDimension}, width {widest})", ScaleVariable.Tokens, Metric, theory, "4/d", dataKeys);
        if (widths.Distinct().Count() > 1)
        {
            var widthKeys = widths.Distinct().Order().Select(w => Add(w, most)).ToArray();
            builder.AddRegime($"resolution-limited, model (d = {inputDimension}, D = {most})", ScaleVariable.Parameters, Metric, theory, "4/d", widthKeys);
        }
    }

    /// <summary>Rough relative cost (multiply-adds of the epoch budget), to start the longest runs first.</summary>
    internal static double Cost(DeepTeacherStudentSpec spec)
    {
        double perSample = spec.InputDimension * spec.Width + (spec.Depth - 1.0) * spec.Width * spec.Width + spec.Width;
        return 3 * spec.MaxEpochs * (spec.Samples + spec.ValidationSamples) * perSample;
    }
}
