using System.CommandLine;
using ScaleLab.Experiments;
using ScaleLab.Experiments.Plans;
using ScaleLab.Studies;

namespace ScaleLab.Cli.Commands;

/// <summary><c>scalelab experiment teacher-student --input-dim 4 --widths 8,16,32,64,128 --samples 256..16384</c>.</summary>
internal static class TeacherStudentCommand
{
    public static Command Create()
    {
        var inputDim = new Option<int>("--input-dim") { Description = "d, the teacher's input dimension (theory: alpha = 4/d)", DefaultValueFactory = _ => 4 };
        var widths = new Option<string>("--widths") { Description = "student widths, e.g. 8,16,32,64,128", DefaultValueFactory = _ => "8,16,32,64,128" };
        var samples = new Option<string>("--samples") { Description = "training-set sizes: a list or low..high (doubling)", DefaultValueFactory = _ => "256..16384" };
        var common = new StudyOptions();
        var command = new Command("teacher-student", "Deep teacher-student networks (Bahri et al. 2021 Fig. 1b): exponents in D and width against 4/d")
        {
            inputDim, widths, samples,
        };
        common.AddTo(command);
        command.SetAction((parse, cancellationToken) =>
        {
            if (common.Validate(parse) is { } error) return Task.FromResult(StudyOptions.BadInput(parse, error));
            int d = parse.GetValue(inputDim);
            if (d < 1) return Task.FromResult(StudyOptions.BadInput(parse, $"--input-dim: {d} is not a positive whole number"));
            if (!SizeList.TryParseIntegers(parse.GetValue(widths)!, "--widths", out var w, out error)) return Task.FromResult(StudyOptions.BadInput(parse, error));
            if (!SizeList.TryParseIntegers(parse.GetValue(samples)!, "--samples", out var n, out error)) return Task.FromResult(StudyOptions.BadInput(parse, error));
            var builder = new StudyPlanBuilder(common.StudyName(parse, $"teacher-student-d{d}"), parse.GetValue(common.Seed),
                $"deep teacher-student, d = {d} (Bahri et al. 2021 Fig. 1b)");
            TeacherStudentStudy.AddTo(builder, d, w, n);
            return common.ExecuteAsync(parse, builder.Build(BuiltInExperiments.Cost), cancellationToken);
        });
        return command;
    }
}
