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
var evaluators = paths.ToDictionary(p => p, EvaluationOf);
var bestWall = paths.ToDictionary(p => p, _ => double.MaxValue);
var bestCpu = paths.ToDictionary(p => p, _ => double.MaxValue);
foreach (var path in paths)
{
    VectorPaths.Current = path;
    evaluators[path](evaluations / 5); // warm-up: tiered compilation reaches the optimised code
}
// Round robin, so that a busy spell on a shared machine slows every path alike; best round of each.
for (int round = 0; round < 9; round++)
{
    foreach (var path in paths)
    {
        VectorPaths.Current = path;
        var cpu0 = Process.GetCurrentProcess().TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        evaluators[path](evaluations);
        bestWall[path] = Math.Min(bestWall[path], clock.Elapsed.TotalNanoseconds / evaluations);
        bestCpu[path] = Math.Min(bestCpu[path], (Process.GetCurrentProcess().TotalProcessorTime - cpu0).TotalNanoseconds / evaluations);
    }
}
foreach (var path in paths)
{
    string name = path == VectorPath.None ? "general path (scalar)" : $"fused {path}";
    string ratio = paths[0] == path ? "" : FormattableString.Invariant($"  ({bestCpu[path] / bestCpu[paths[0]]:F2}x {paths[0]} in CPU time)");
    Console.WriteLine(FormattableString.Invariant($"per-evaluation {name,-24} {bestWall[path],7:F0} ns wall {bestCpu[path],7:F0} ns CPU{ratio}"));
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
