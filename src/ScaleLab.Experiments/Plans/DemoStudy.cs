using ScaleLab.Experiments.Specs;
using ScaleLab.Experiments.Theory;
using ScaleLab.Studies;

namespace ScaleLab.Experiments.Plans;

/// <summary>
/// The README's main job: the four random-feature regimes at demo size (α_K = 0.5) and a short
/// deep teacher–student data sweep (d = 4), about two minutes on two cores. Its prediction is an
/// extrapolation with a known answer: the infinite-data loss at 4× the largest P fitted, which
/// eq. 1 of Bahri et al. gives exactly.
/// </summary>
public static class DemoStudy
{
    /// <summary>α_K of the demo's random-feature spectrum.</summary>
    public const double AlphaK = 0.5;

    /// <summary>d of the demo's teacher–student runs.</summary>
    public const int InputDimension = 4;

    /// <summary>Features S of the resolution-limited model sweep (see <see cref="RandomFeatureStudy"/>).</summary>
    public const int ModelSweepFeatures = 1_000_000;

    /// <summary>P at which the demo predicts: 4× the largest P of the model sweep.</summary>
    public const int PredictionParameters = 1600;

    /// <summary>The demo plan.</summary>
    public static StudyPlan Plan(string name, long seed)
    {
        var builder = new StudyPlanBuilder(name, seed,
            "demo: random-feature regimes (alpha_K = 0.5) and a deep teacher-student data sweep (d = 4)");
        RandomFeatureStudy.AddTo(builder, AlphaK, Enum.GetValues<RandomFeatureRegime>(), StudyScale.Demo);
        // Width 64 and Adam at 3e-3 with early stopping: seconds per run, on a 16× range of D.
        var template = new DeepTeacherStudentSpec(InputDimension, 2048, Width: 64, BatchSize: 64, LearningRate: 3e-3, MaxEpochs: 200, Patience: 20);
        TeacherStudentStudy.AddTo(builder, InputDimension, [64], [128, 256, 512, 1024, 2048], template);
        return builder.Build(BuiltInExperiments.Cost);
    }

    /// <summary>The exact infinite-data loss at <see cref="PredictionParameters"/> (eq. 1 with the coordinate projector), to score the prediction.</summary>
    public static double ExactPredictionTarget() => BahriTheory.CoordinateProjectorLoss(ModelSweepFeatures, PredictionParameters, AlphaK);
}
