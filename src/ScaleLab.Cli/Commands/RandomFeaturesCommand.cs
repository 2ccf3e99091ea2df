using System.CommandLine;
using ScaleLab.Experiments;
using ScaleLab.Experiments.Plans;
using ScaleLab.Studies;

namespace ScaleLab.Cli.Commands;

/// <summary><c>scalelab experiment random-features --regime all --alpha-k 0.5 --seed 1</c>.</summary>
internal static class RandomFeaturesCommand
{
    private static readonly Dictionary<string, RandomFeatureRegime[]> Regimes = new(StringComparer.OrdinalIgnoreCase)
    {
        ["all"] = Enum.GetValues<RandomFeatureRegime>(),
        ["resolution"] = [RandomFeatureRegime.ResolutionData, RandomFeatureRegime.ResolutionModel],
        ["variance"] = [RandomFeatureRegime.VarianceData, RandomFeatureRegime.VarianceModel],
        ["resolution-data"] = [RandomFeatureRegime.ResolutionData],
        ["resolution-model"] = [RandomFeatureRegime.ResolutionModel],
        ["variance-data"] = [RandomFeatureRegime.VarianceData],
        ["variance-model"] = [RandomFeatureRegime.VarianceModel],
    };

    public static Command Create()
    {
        var regime = new Option<string>("--regime")
        {
            Description = $"regimes to measure, comma-separated: {string.Join(", ", Regimes.Keys)}",
            DefaultValueFactory = _ => "all",
        };
        var alphaK = new Option<double>("--alpha-k") { Description = "exponent of the feature spectrum λ_i = i^-(1+alpha_K)", DefaultValueFactory = _ => 0.5 };
        var quick = new Option<bool>("--quick") { Description = "demo-sized sweeps (fewer draws and features) instead of settings close to the paper's" };
        var common = new StudyOptions();
        var command = new Command("random-features", "Random-feature teacher-student model (Bahri et al. 2021): the four scaling regimes") { regime, alphaK, quick };
        common.AddTo(command);
        command.SetAction((parse, cancellationToken) =>
        {
            if (common.Validate(parse) is { } error) return Task.FromResult(StudyOptions.BadInput(parse, error));
            double k = parse.GetValue(alphaK);
            if (!double.IsFinite(k) || k <= 0) return Task.FromResult(StudyOptions.BadInput(parse, $"--alpha-k: {k} is not a positive number"));
            var selected = new List<RandomFeatureRegime>();
            foreach (var name in parse.GetValue(regime)!.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                if (!Regimes.TryGetValue(name, out var r))
                {
                    return Task.FromResult(StudyOptions.BadInput(parse, $"--regime: unknown regime '{name}' (known: {string.Join(", ", Regimes.Keys)})"));
                }
                selected.AddRange(r);
            }
            if (selected.Count == 0) return Task.FromResult(StudyOptions.BadInput(parse, "--regime: no regime given"));
            var builder = new StudyPlanBuilder(common.StudyName(parse, "random-features"), parse.GetValue(common.Seed),
                "random-feature teacher-student regimes (Bahri et al. 2021 §2.3)");
            RandomFeatureStudy.AddTo(builder, k, selected, parse.GetValue(quick) ? StudyScale.Demo : StudyScale.Full);
            return common.ExecuteAsync(parse, builder.Build(BuiltInExperiments.Cost), cancellationToken);
        });
        return command;
    }
}
