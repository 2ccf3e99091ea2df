using ScaleLab.Experiments;
using ScaleLab.Experiments.Companion;
using ScaleLab.Experiments.Specs;
using ScaleLab.Studies.Execution;
using ScaleLab.Training.Trainers;

namespace ScaleLab.Training.Tests;

/// <summary>
/// scalelab-train as a process gives what the trainers give in process, bit for bit: a study that
/// trains through the companion measures exactly what it measured when it trained in process.
/// </summary>
public sealed class CompanionProcessTests
{
    public static TheoryData<object> Specifications => new()
    {
        new DeepTeacherStudentSpec(InputDimension: 4, Samples: 128, Width: 8, MaxEpochs: 3, Seed: 5, TeacherSeed: 0, Patience: null),
        new RandomFeatureSpec(2000, 0.5, 20, 200, RandomFeatureProjection.Gaussian, Draws: 4, Seed: 9, Reference: RandomFeatureReference.InfiniteData, AverageTeacher: true),
        new TransformerLmSpec(ModelDimension: 8, Heads: 2, Steps: 4, WarmupSteps: 0, Markov: new MarkovSourceSpec(Vocabulary: 8, Seed: 3), EvaluationTokens: 64),
    };

    [Theory]
    [MemberData(nameof(Specifications))]
    public async Task TheCompanion_TrainsARunAsAProcess_ExactlyAsTheTrainerDoesInProcess(object specification)
    {
        var companion = TrainerCompanion.Locate(null, out var problem) ?? throw new InvalidOperationException(problem);
        var folder = Directory.CreateTempSubdirectory("scalelab-companion-").FullName;
        try
        {
            // Fields at their type's default (TeacherSeed 0, Patience none, WarmupSteps 0) are written out: the record's own defaults differ.
            var spec = Path.Combine(folder, "spec.json");
            File.WriteAllText(spec, TrainingJson.Serialize(specification));
            var kind = BuiltInExperiments.All.Single(e => e.SpecificationType == specification.GetType()).Kind;
            var output = new StringWriter();
            var error = new StringWriter();

            int code = await companion.RunAsync([kind, "--spec", spec], output, error, TimeSpan.FromMinutes(5), CancellationToken.None);

            Assert.True(code == 0, error.ToString());
            var outcome = ResultDocument.Parse(output.ToString().TrimEnd().Split('\n')[^1]);
            var expected = BuiltInTrainers.Run(specification);
            Assert.Equal(expected.Parameters, outcome.Parameters.Value);
            Assert.Equal(expected.Samples, outcome.Tokens?.Value);
            Assert.Equal(expected.TestMetrics.Keys.Order(), outcome.HeldOut.Keys.Order());
            foreach (var (name, value) in expected.TestMetrics)
            {
                Assert.True(BitConverter.DoubleToInt64Bits(value) == BitConverter.DoubleToInt64Bits(outcome.HeldOut[name]),
                    $"{name}: {value:R} in process, {outcome.HeldOut[name]:R} from the companion");
            }
        }
        finally
        {
            Directory.Delete(folder, true);
        }
    }
}
