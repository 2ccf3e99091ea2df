using System.Diagnostics;
using System.Globalization;
using ScaleLab.Data;
using ScaleLab.Fitting;
using ScaleLab.Laws;
using ScaleLab.Numerics;

// Per-evaluation time of Chinchilla's Huber objective and gradient on the Epoch data (240 rows after
// dropping the 5 highest losses, D = C/6N) on every vector path this processor runs, plus the
// general path (EvaluateLog, residuals, ψ, Jᵀψ: what the fitter does without a fused kernel), and the
// in-process 4500-start fit on each path. Wall and CPU time; best of several rounds.
// Usage: dotnet run -c Release --project bench/ScaleLab.Bench.Kernel -- DATA.csv [evaluations per round]

if (args.Length < 1)
{
    Console.Error.WriteLine("usage: ScaleLab.Bench.Kernel DATA.csv [evaluations]");
    return 2;
}
int evaluations = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 200_000;
var set = ObservationReader.Read(args[0], new ColumnMapping { Parameters = "Model Size", Compute = "Training FLOP", Metric = "loss" }).DropHighest(5);
var data = ScalingData.From(set);
var law = ChinchillaLaw.Instance;
var objective = FitObjective.Parse("huber-log");
var starts = law.DefaultStarts(data);
Console.WriteLine(FormattableString.Invariant($"{data.Count} rows; best vector path here: {VectorPaths.Best}; {evaluations} evaluations per round over the {starts.Count} grid starts"));

var paths = new[] { VectorPath.Avx512, VectorPath.Portable256, VectorPath.Portable128, VectorPath.None }.Where(VectorPaths.IsSupported).ToArray();
var perEvaluation = new Dictionary<VectorPath, double>();
foreach (var path in paths)
{
    VectorPaths.Current = path;
    var evaluate = EvaluationOf(path);
    evaluate(evaluations / 10); // warm-up: tiered compilation reaches the optimised code
    double bestWall = double.MaxValue, bestCpu = double.MaxValue;
    for (int round = 0; round < 7; round++)
    {
        var cpu0 = Process.GetCurrentProcess().TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        evaluate(evaluations);
        double wall = clock.Elapsed.TotalNanoseconds / evaluations;
        double cpu = (Process.GetCurrentProcess().TotalProcessorTime - cpu0).TotalNanoseconds / evaluations;
        bestWall = Math.Min(bestWall, wall);
        bestCpu = Math.Min(bestCpu, cpu);
    }
    perEvaluation[path] = bestWall;
    string name = path == VectorPath.None ? "general path (scalar)" : $"fused {path}";
    Console.WriteLine(FormattableString.Invariant($"{name,-28} {bestWall,8:F0} ns/evaluation wall, {bestCpu,8:F0} ns CPU"));
}
if (perEvaluation.TryGetValue(VectorPath.Avx512, out var avx512))
{
    foreach (var path in paths.Where(p => p != VectorPath.Avx512))
    {
        Console.WriteLine(FormattableString.Invariant($"{path} / Avx512 per evaluation: {perEvaluation[path] / avx512:F2}x"));
    }
}

foreach (var path in paths)
{
    VectorPaths.Current = path;
    var cpu0 = Process.GetCurrentProcess().TotalProcessorTime;
    var clock = Stopwatch.StartNew();
    var fit = Fitter.Fit(law, data);
    double wall = clock.Elapsed.TotalSeconds, cpu = (Process.GetCurrentProcess().TotalProcessorTime - cpu0).TotalSeconds;
    Console.WriteLine(FormattableString.Invariant($"4500-start fit, {path,-12} {wall,6:F3} s wall, {cpu,6:F3} s CPU, objective {fit.Objective:R}, {fit.Status}"));
}
return 0;

// One evaluation of the objective and its gradient at each of `count` grid starts in turn.
Action<int> EvaluationOf(VectorPath path)
{
    var gradient = new double[5];
    if (path != VectorPath.None)
    {
        return count =>
        {
            for (int k = 0; k < count; k++)
            {
                law.TryEvaluateObjective(starts[k % starts.Count], data, objective, gradient, out _);
            }
        };
    }
    int n = data.Count;
    var logPred = new double[n];
    var jac = new double[5 * n];
    var resid = new double[n];
    var psi = new double[n];
    return count =>
    {
        for (int k = 0; k < count; k++)
        {
            law.EvaluateLog(starts[k % starts.Count], data, logPred, jac);
            System.Numerics.Tensors.TensorPrimitives.Subtract(logPred, data.LogY, resid);
            objective.Evaluate(resid, psi);
            for (int j = 0; j < 5; j++) gradient[j] = System.Numerics.Tensors.TensorPrimitives.Dot(jac.AsSpan(j * n, n), psi);
        }
    };
}
