using ScaleLab.Quantities;
using ScaleLab.Store;
using ScaleLab.Studies;

namespace ScaleLab.Tests.Support;

/// <summary>Specification of the managed stand-in trainer: a size swept along D or N, and a seed.</summary>
public sealed record ToySpec(int Size, bool SweepsData, long Seed);

/// <summary>
/// A managed stand-in for a real trainer: loss = 3·x^(−Exponent) times seeded log-normal noise
/// (σ = 0.02, a typical seed-to-seed scatter of final losses), so a regime fit has a known answer.
/// </summary>
public static class ToyTrainer
{
    public const double Exponent = 0.7;

    public static RunOutcome Train(ToySpec spec)
    {
        var random = new Random((int)spec.Seed);
        // Box–Muller from the seeded generator.
        double z = Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
        double loss = 3 * Math.Pow(spec.Size, -Exponent) * Math.Exp(0.02 * z);
        double n = spec.SweepsData ? 1000 : spec.Size, d = spec.SweepsData ? spec.Size : 1000;
        return new RunOutcome
        {
            Parameters = ParameterCount.Of(n), ParameterCounting = "total",
            Tokens = TokenCount.Of(d), Compute = Flops.Of(6 * n * d), ComputeCounting = RunOutcome.SixND,
            Train = new Dictionary<string, double> { ["loss"] = 0.9 * loss },
            HeldOut = new Dictionary<string, double> { ["loss"] = loss },
        };
    }

    /// <summary>A plan of <paramref name="sizes"/> × <paramref name="draws"/> toy runs in one data-sweep regime.</summary>
    public static StudyPlan Plan(string name, long seed, int[] sizes, int draws = 1)
    {
        var builder = new StudyPlanBuilder(name, seed, "toy study");
        var keys = new List<string>();
        foreach (var size in sizes)
        {
            for (int draw = 0; draw < draws; draw++)
            {
                var runSeed = builder.SeedFor($"data/{size}/{draw}");
                keys.Add(builder.Add("toy", "data", new ToySpec(size, true, runSeed), runSeed));
            }
        }
        builder.AddRegime("toy, data", ScaleLab.Data.ScaleVariable.Tokens, "loss", Exponent, "0.7", keys);
        return builder.Build();
    }

    /// <summary>
    /// Stores a finished run for every run of <paramref name="plan"/>, whatever its kind, without
    /// training: run i of the plan has N = D = 16 + i and every regime metric 3·(16 + i)^(−0.5), so each
    /// regime has an exponent of 0.5 to measure and a study command only refits.
    /// </summary>
    public static void StoreFinished(RunStore store, StudyPlan plan, DateTimeOffset at)
    {
        store.EnsureStudy(plan.Name, plan.Seed, plan.Description);
        var metrics = plan.Regimes.Select(r => r.Metric).Append("loss").Distinct().ToArray();
        foreach (var (run, i) in plan.Runs.Select((r, i) => (r, i)))
        {
            double size = 16 + i;
            store.Save(new RunRecord
            {
                Study = plan.Name, Key = run.Key, Kind = run.Kind, Group = run.Group, Specification = run.SpecificationJson, Seed = run.Seed,
                Status = RunStatus.Finished, WallSeconds = 0.1, Created = at,
                Outcome = new RunOutcome
                {
                    Parameters = ParameterCount.Of(size), ParameterCounting = "total",
                    Tokens = TokenCount.Of(size), Compute = Flops.Of(6 * size * size), ComputeCounting = RunOutcome.SixND,
                    HeldOut = metrics.ToDictionary(m => m, _ => 3 * Math.Pow(size, -0.5)),
                },
            });
        }
    }
}
