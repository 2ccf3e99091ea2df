using ScaleLab.Quantities;
using ScaleLab.Store;
using ScaleLab.Studies;

namespace ScaleLab.Tests.Support;

/// <summary>Specification of the managed stand-in trainer: a size swept along D or N, and a seed.</summary>
public sealed record ToySpec(int Size, bool SweepsData, long Seed);

/// <summary>
/// A managed stand-in for a real trainer: loss = 3·x^(−Exponent) times seeded log-normal noise
/// (σ = 0.02, the seed noise SCIENCE.md §13 quotes), so a regime fit has a known answer.
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
}
