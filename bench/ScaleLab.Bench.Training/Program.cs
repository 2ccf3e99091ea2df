using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using ScaleLab.Experiments.Specs;
using ScaleLab.Experiments.Theory;
using ScaleLab.Training;
using ScaleLab.Training.Trainers;
using TorchSharp;

// Whole-process benchmarks and one-off measurements for the trainers. Not part of CI.
//   speed   : deep teacher–student ms/step vs the PyTorch peer (../shared/bench/peer_torch_mlp.py), and
//             achieved training FLOP/s vs this machine's float32 1024×1024 matmul rate (1 thread each)
//   v26     : the four random-feature regime slopes at large draw counts (docs/studies.md)
//   alpha-d : resolution-limited α_D of the deep teacher–student model for d = 2, 4, 6, 8
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
string command = args.Length > 0 ? args[0] : "speed";
switch (command)
{
    case "speed": Speed(args.Length > 1 ? args[1] : FindPeer()); break;
    case "v26": V26(); break;
    case "alpha-d": AlphaD(); break;
    default: Console.Error.WriteLine("usage: ScaleLab.Bench.Training speed [peer.py] | v26 | alpha-d"); return 2;
}
return 0;

static string FindPeer()
{
    var dir = new DirectoryInfo(AppContext.BaseDirectory);
    while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "ScaleLab.slnx"))) dir = dir.Parent;
    return Path.GetFullPath(Path.Combine(dir?.FullName ?? ".", "..", "shared", "bench", "peer_torch_mlp.py"));
}

static void Speed(string peer)
{
    torch.set_num_threads(1);
    double matmul = MatmulRate();
    foreach (int width in new[] { 16, 256 })
    {
        // Same model and optimiser as the peer: 32 → W → W → 1 ReLU, Adam lr 1e-3, batch 128, MSE, 10000 samples, 20 epochs.
        var spec = new DeepTeacherStudentSpec(InputDimension: 32, Samples: 10000, Width: width, Depth: 2, BatchSize: 128, LearningRate: 1e-3,
            MaxEpochs: 20, Patience: null, ValidationSamples: 128, TestSamples: 128);
        DeepTeacherStudentTrainer.Run(spec with { MaxEpochs = 1 }); // warm-up (JIT, allocator)
        // The machine may be shared: alternate ScaleLab and peer runs and keep each side's fastest.
        double best = double.PositiveInfinity, bestPeer = double.PositiveInfinity;
        RunResult? fastest = null;
        for (int round = 0; round < 2; round++)
        {
            var run = DeepTeacherStudentTrainer.Run(spec);
            double ms = run.WallTime.TotalMilliseconds / run.Steps;
            if (ms < best) (best, fastest) = (ms, run);
            if (RunPeer(peer, width) is { } p) bestPeer = Math.Min(bestPeer, p);
            matmul = Math.Max(matmul, MatmulRate());
        }
        double flops = 6.0 * fastest!.Parameters * 10000 * 20 / fastest.WallTime.TotalSeconds;
        string peerText = double.IsFinite(bestPeer) ? $"{bestPeer:F3} ms/step" : "peer unavailable";
        string ratio = double.IsFinite(bestPeer) ? $"{bestPeer / best:F2}x" : "-";
        Console.WriteLine($"float32 matmul 1024x1024, 1 thread (best batch so far): {matmul / 1e9:F2} GFLOP/s");
        Console.WriteLine($"width {width,3}: ScaleLab {best:F3} ms/step (whole run incl. data and validation, best of 2) | PyTorch peer {peerText} (best of 2) | peer/ScaleLab {ratio} | training {flops / 1e9:F3} GFLOP/s = {flops / matmul:P1} of matmul");
    }
}

static double MatmulRate()
{
    using var scope = torch.NewDisposeScope();
    var a = torch.randn(1024, 1024);
    var b = torch.randn(1024, 1024);
    for (int i = 0; i < 3; i++) torch.mm(a, b).Dispose();
    // Best of several short batches: on a shared machine a single batch can be slowed many times over.
    double best = 0;
    for (int batch = 0; batch < 10; batch++)
    {
        const int reps = 5;
        var clock = Stopwatch.StartNew();
        for (int i = 0; i < reps; i++) torch.mm(a, b).Dispose();
        best = Math.Max(best, reps * 2.0 * 1024 * 1024 * 1024 / clock.Elapsed.TotalSeconds);
    }
    return best;
}

static double? RunPeer(string peer, int width)
{
    if (!File.Exists(peer)) return null;
    var info = new ProcessStartInfo("/usr/bin/python3") { RedirectStandardOutput = true, RedirectStandardError = true };
    info.ArgumentList.Add(peer);
    info.ArgumentList.Add("--width");
    info.ArgumentList.Add(width.ToString(CultureInfo.InvariantCulture));
    using var process = Process.Start(info)!;
    string stdout = process.StandardOutput.ReadToEnd();
    process.StandardError.ReadToEnd();
    process.WaitForExit();
    if (process.ExitCode != 0) return null;
    using var json = JsonDocument.Parse(stdout.Trim().Split('\n')[^1]);
    return json.RootElement.GetProperty("ms_per_step").GetDouble();
}

static double Slope(IReadOnlyList<int> sizes, IReadOnlyList<double> values)
{
    double mx = sizes.Average(s => Math.Log(s)), my = values.Average(v => Math.Log(v)), sxy = 0, sxx = 0;
    for (int i = 0; i < sizes.Count; i++)
    {
        sxy += (Math.Log(sizes[i]) - mx) * (Math.Log(values[i]) - my);
        sxx += (Math.Log(sizes[i]) - mx) * (Math.Log(sizes[i]) - mx);
    }
    return sxy / sxx;
}

static void Report(string name, IReadOnlyList<int> sizes, Func<int, RandomFeatureSpec> spec, string expected)
{
    var clock = Stopwatch.StartNew();
    var losses = sizes.Select(n => RandomFeatureTrainer.Run(spec(n)).Metric).ToArray();
    Console.WriteLine($"{name}: slope {Slope(sizes, losses):F4} (reference: {expected}) [{clock.Elapsed.TotalSeconds:F0} s]");
}

static void V26()
{
    int[] d = [25, 50, 100, 200, 400];
    Report("V26(a) S=P=20000, aK=0.5, 40 draws", d, n => new RandomFeatureSpec(20000, 0.5, 20000, n, Draws: 40, Seed: 11), "-0.546, accept [-0.62, -0.47]");
    Report("V26(a) S=P=4000, aK=1, 40 draws", d, n => new RandomFeatureSpec(4000, 1.0, 4000, n, Draws: 40, Seed: 12), "-1.03, accept [-1.15, -0.90]");
    Report("V26(b) eq.1 Gaussian P, S=4000, aK=0.5, 20 draws", d, p => new RandomFeatureSpec(4000, 0.5, p, null, RandomFeatureProjection.Gaussian, 20, 13), "-0.581 +-0.1");
    Report("V26(b) eq.1 Gaussian P, S=4000, aK=1, 20 draws", d, p => new RandomFeatureSpec(4000, 1.0, p, null, RandomFeatureProjection.Gaussian, 20, 13), "-1.024 +-0.1");
    Report("V26(c) P=20, S=2000, L(D,P)-L(P), 150 draws", [200, 400, 800, 1600], n => new RandomFeatureSpec(2000, 0.5, 20, n, RandomFeatureProjection.Gaussian, 150, 14, RandomFeatureReference.InfiniteData), "-1.031, accept [-1.15, -0.85]");
    Report("V26(d) D=10, S=8000, L(D,P)-L(D), drawn teacher, 200 draws", [200, 400, 800, 1600], p => new RandomFeatureSpec(8000, 0.5, p, 10, RandomFeatureProjection.Gaussian, 200, 15, RandomFeatureReference.AllFeatures), "-0.975, accept [-1.15, -0.85]");
    Report("V26(d) D=10, S=8000, L(D,P)-L(D), teacher-averaged, 200 draws", [200, 400, 800, 1600], p => new RandomFeatureSpec(8000, 0.5, p, 10, RandomFeatureProjection.Gaussian, 200, 15, RandomFeatureReference.AllFeatures, AverageTeacher: true), "-0.975, accept [-1.15, -0.85]");
}

static void AlphaD()
{
    int[] sizes = [128, 256, 512, 1024, 2048];
    foreach (int d in new[] { 2, 4, 6, 8 })
    {
        var clock = Stopwatch.StartNew();
        var runs = sizes.Select(n => DeepTeacherStudentTrainer.Run(new DeepTeacherStudentSpec(d, n, Width: 64, Depth: 2, BatchSize: 64, LearningRate: 3e-3, MaxEpochs: 300, Patience: 20, TestSamples: 8000))).ToArray();
        double alpha = -Slope(sizes, runs.Select(r => r.Metric).ToArray());
        Console.WriteLine($"d = {d}: alpha_D = {alpha:F3}, 4/d = {BahriTheory.ResolutionLimitedExponent(d):F3}; test MSE {string.Join(", ", runs.Select(r => r.Metric.ToString("E3")))} [{clock.Elapsed.TotalSeconds:F0} s]");
    }
}
