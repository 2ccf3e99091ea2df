using System.CommandLine;
using ScaleLab.Planning;

namespace ScaleLab.Cli.Commands;

/// <summary>
/// <c>scalelab plan</c>: compute-optimal, target-loss, inference-aware (Sardana &amp; Frankle) and
/// data-constrained (Muennighoff) allocations from a fit document or published parameters.
/// </summary>
internal static class PlanCommand
{
    public static Command Create()
    {
        var fit = new Option<FileInfo?>("--fit") { Description = "fit document (scalelab.fit/1) to plan with" };
        var law = new Option<string?>("--law") { Description = "law name when giving --parameters (e.g. chinchilla), or 'kaplan-frontier' for Kaplan's published N ∝ C^0.73 frontier" };
        var parameters = new Option<string?>("--parameters") { Description = "published parameters, e.g. E=1.69,A=406.4,B=410.7,alpha=0.34,beta=0.28" };
        var compute = new Option<double?>("--compute") { Description = "training budget C in FLOPs (6ND)" };
        var targetLoss = new Option<double?>("--target-loss") { Description = "loss to reach with the least compute" };
        var inference = new Option<double?>("--inference-tokens") { Description = "lifetime inference tokens: minimise training + inference FLOPs (Sardana & Frankle 2023)" };
        var inferenceCost = new Option<double>("--inference-cost-ratio") { Description = "cost of an inference FLOP relative to a training FLOP", DefaultValueFactory = _ => 1.0 };
        var unique = new Option<double?>("--unique-tokens") { Description = "unique training tokens available: data-constrained plan with epochs (Muennighoff et al. 2023)" };
        var hardwareOptions = new HardwareOptions();
        var maxFitted = new Option<double?>("--max-fitted-compute") { Description = "largest compute in the fitted data, for the extrapolation ratio (read from the fit document when present)" };
        var level = new Option<double>("--level") { Description = "bootstrap interval coverage", DefaultValueFactory = _ => 0.8 };
        var json = new Option<bool>("--json") { Description = "write JSON (schema scalelab.plan/1)" };
        var command = new Command("plan", "How big a model, trained on how much data, for what loss (and cost)")
        {
            fit, law, parameters, compute, targetLoss, inference, inferenceCost, unique, maxFitted, level, json,
        };
        hardwareOptions.AddTo(command);
        command.SetAction(parse => BadInputGuard.Run(parse, () =>
        {
                var c = parse.GetValue(compute);
                var target = parse.GetValue(targetLoss);
                if (c is null == target is null) throw new ArgumentException("give exactly one of --compute or --target-loss");
                var hardware = hardwareOptions.Read(parse);
                Plan plan;
                if (string.Equals(parse.GetValue(law), "kaplan-frontier", StringComparison.OrdinalIgnoreCase))
                {
                    if (c is null) throw new ArgumentException("--law kaplan-frontier plans a --compute budget");
                    plan = KaplanFrontier.Plan(c.Value);
                    if (hardware is not null) plan = hardware.Price(plan);
                }
                else
                {
                    var model = Load(parse.GetValue(fit), parse.GetValue(law), parse.GetValue(parameters), parse.GetValue(level));
                    if (parse.GetValue(maxFitted) is { } m) model = model with { MaxFittedCompute = m };
                    var inf = parse.GetValue(inference);
                    var u = parse.GetValue(unique);
                    if (inf is not null && u is not null) throw new ArgumentException("--inference-tokens and --unique-tokens cannot be combined");
                    plan = (inf, u, c, target) switch
                    {
                        ({ } i, null, { } cc, null) => InferenceAwarePlanner.ForComputeQuality(model, cc, i, parse.GetValue(inferenceCost), hardware),
                        ({ } i, null, null, { } t) => InferenceAwarePlanner.ForLoss(model, t, i, parse.GetValue(inferenceCost), hardware),
                        (null, { } uu, { } cc, null) => DataConstrainedPlanner.ForCompute(model, cc, uu, hardware),
                        (null, { }, null, _) => throw new ArgumentException("--unique-tokens plans a --compute budget"),
                        (null, null, { } cc, null) => ComputeOptimalPlanner.ForCompute(model, cc, hardware),
                        _ => ComputeOptimalPlanner.ForLoss(model, target!.Value, hardware),
                    };
                }
                parse.InvocationConfiguration.Output.WriteLine(parse.GetValue(json) ? PlanFormat.Serialize(PlanFormat.Json(plan)) : PlanFormat.Text(plan));
                return plan.Status == PlanStatus.Failed ? 1 : 0;
        }));
        return command;
    }

    private static PlanningLaw Load(FileInfo? fit, string? law, string? parameters, double level)
    {
        if (!(level > 0 && level < 1)) throw new ArgumentException("--level must be between 0 and 1");
        if (fit is not null)
        {
            if (parameters is not null) throw new ArgumentException("give --fit or --parameters, not both");
            if (!fit.Exists) throw new ArgumentException($"{fit.FullName}: file not found");
            return LawSource.FromFitDocument(fit.FullName, level);
        }
        if (parameters is null) throw new ArgumentException("give --fit FILE or --law NAME --parameters name=value,...");
        return LawSource.FromParameters(law ?? "chinchilla", parameters, level);
    }
}
