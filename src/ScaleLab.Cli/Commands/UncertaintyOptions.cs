using System.CommandLine;
using ScaleLab.Analysis;

namespace ScaleLab.Cli.Commands;

/// <summary>
/// The uncertainty options of <c>scalelab fit</c>: <c>--bootstrap N [--cluster-by COLUMN] [--seed S]
/// [--level L] [--interval percentile|bca]</c>, <c>--profile</c>, <c>--test-against NAME=VALUE,…</c>
/// and <c>--budget FLOPS</c> for the compute-optimal derived quantities. <see cref="AddTo"/> adds them
/// to a command; <see cref="Parse"/> reads them into the library's <see cref="AnalysisOptions"/>.
/// </summary>
internal static class UncertaintyOptions
{
    private static readonly Option<int?> BootstrapOption = new("--bootstrap") { Description = "bootstrap resamples (e.g. 4000, as Besiroglu et al. 2024): intervals for every parameter and derived quantity" };
    private static readonly Option<string?> ClusterByOption = new("--cluster-by") { Description = "resample whole clusters instead of rows: group, run, compute, params, or any column" };
    private static readonly Option<ulong> SeedOption = new("--seed") { Description = "bootstrap seed (same seed, same intervals for any thread count)", DefaultValueFactory = _ => 1UL };
    private static readonly Option<double> LevelOption = new("--level") { Description = "interval level (0.8 = 10th to 90th percentile)", DefaultValueFactory = _ => AnalysisOptions.DefaultLevel };
    private static readonly Option<string> IntervalOption = new("--interval") { Description = "bootstrap interval: percentile or bca", DefaultValueFactory = _ => "percentile" };
    private static readonly Option<bool> ProfileOption = new("--profile") { Description = "profile-likelihood intervals for every free parameter (Huber or Gaussian likelihood, scale estimated)" };
    private static readonly Option<string?> TestAgainstOption = new("--test-against") { Description = "likelihood-ratio test of the fit against NAME=VALUE,… (e.g. E=1.69,A=406.4,B=410.7,alpha=0.34,beta=0.28)" };
    private static readonly Option<double?> BudgetOption = new("--budget") { Description = "compute budget (FLOPs) for N_opt, D_opt and tokens per parameter (default: the largest compute in the data)" };

    /// <summary>Adds the options to <paramref name="command"/>.</summary>
    public static void AddTo(Command command)
    {
        foreach (var option in new Option[] { BootstrapOption, ClusterByOption, SeedOption, LevelOption, IntervalOption, ProfileOption, TestAgainstOption, BudgetOption })
        {
            command.Options.Add(option);
        }
    }

    /// <summary>The analysis the options ask for, with <paramref name="threads"/> for the bootstrap; bad values are <see cref="ArgumentException"/>s (checked against the law by <see cref="AnalysisOptions.Validate"/>).</summary>
    public static AnalysisOptions Parse(ParseResult parse, int? threads) => new()
    {
        Level = parse.GetValue(LevelOption),
        Interval = parse.GetValue(IntervalOption)!.Trim().ToLowerInvariant(),
        Bootstrap = parse.GetValue(BootstrapOption),
        Seed = parse.GetValue(SeedOption),
        ClusterBy = parse.GetValue(ClusterByOption),
        Profile = parse.GetValue(ProfileOption),
        TestAgainst = parse.GetValue(TestAgainstOption) is { } text ? OptionSyntax.Assignments([text], "--test-against", "E=1.69,alpha=0.34") : null,
        Budget = parse.GetValue(BudgetOption),
        Parallelism = threads,
    };
}
