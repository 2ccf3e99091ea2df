using System.Collections.Concurrent;
using ScaleLab.Optimization;

namespace ScaleLab.Fitting;

/// <summary>
/// The multistart search of a <see cref="FitProblem"/>: a local descent from every start, where descents that enter a
/// basin an earlier one has already descended stop there and report that one's end point. Most starts of a grid fall
/// into a few basins, and most of a descent's work is the slow crawl to the bottom, which is then done once per
/// basin instead of once per start.
/// </summary>
/// <remarks>
/// The starts are screened by their objective and descended in that order, best first (ties by index), in batches of
/// 16, 32, 64, …: the descents of a batch run in parallel against the <see cref="BasinIndex"/> of all earlier batches,
/// which is extended, in start order, only between batches. What a descent does therefore depends on its start and on
/// earlier batches, never on which thread ran what first: the result is the same for any thread count.
/// </remarks>
internal static class FitSearch
{
    /// <summary>Descents of the first batch, which run against an empty index.</summary>
    private const int FirstBatch = 16;

    /// <summary>
    /// A search of at most this many starts descends every one to the end: with few starts there are few shared basins
    /// to save on, and the small searches of sequential design (64 starts on a handful of runs) must not move.
    /// </summary>
    private const int SmallSearch = 64;

    /// <summary>
    /// Descends from every start; returns each start's result and the start whose descent it reports (itself,
    /// or the earlier descent it joined).
    /// </summary>
    public static (OptimizerResult[] Results, int[] Descent) Run(FitProblem problem, IReadOnlyList<double[]> starts,
        IProgress<double>? progress, CancellationToken cancellationToken)
    {
        int count = starts.Count, done = 0;
        var results = new OptimizerResult[count];
        var descent = new int[count];
        var pool = new ConcurrentBag<FitWorkspace>();
        var parallel = new ParallelOptions
        {
            MaxDegreeOfParallelism = problem.Options.Parallelism ?? Environment.ProcessorCount,
            CancellationToken = cancellationToken,
        };
        void Report()
        {
            var d = Interlocked.Increment(ref done);
            if (progress is not null && (d % 64 == 0 || d == count)) progress.Report((double)d / count);
        }
        void ForEach(int from, int to, Action<int, FitWorkspace> body) =>
            Parallel.For(from, to, parallel, () => pool.TryTake(out var ws) ? ws : new FitWorkspace(problem), (k, _, ws) =>
            {
                body(k, ws);
                return ws;
            }, pool.Add);

        var map = problem.Map;
        (OptimizerResult[], int[]) DescendEvery()
        {
            ForEach(0, count, (i, ws) =>
            {
                results[i] = ws.Polish(ws.Minimizer.Minimize(ws.Function, starts[i], map.Lower, map.Upper));
                descent[i] = i;
                Report();
            });
            return (results, descent);
        }
        if (count <= SmallSearch) return DescendEvery();

        var screened = new double[count];
        ForEach(0, count, (i, ws) => screened[i] = ws.ObjectiveAt(starts[i]));
        var order = new int[count];
        for (int i = 0; i < count; i++) order[i] = i;
        Array.Sort(order, (x, y) =>
        {
            int c = Rank(screened[x]).CompareTo(Rank(screened[y]));
            return c != 0 ? c : x.CompareTo(y);
        });

        var index = new BasinIndex(starts);
        var paths = new (long Cell, double Value)[count][];
        for (int from = 0, size = FirstBatch; from < count; from += size, size *= 2)
        {
            int to = Math.Min(count, from + size);
            ForEach(from, to, (k, ws) =>
            {
                int i = order[k];
                (results[i], descent[i], paths[i]) = ws.Descend(starts[i], index);
                Report();
            });
            for (int k = from; k < to; k++)
            {
                int i = order[k];
                if (descent[i] < 0) descent[i] = i;
                // Only a descent that met a convergence test marks a basin: one that stalled on a flat floor (the
                // data-constrained law's R_N* valley) would hand its early end to every start that crosses its path.
                if (results[descent[i]].Converged)
                {
                    foreach (var (cell, value) in paths[i]) index.Add(cell, value, descent[i]);
                }
                paths[i] = [];
            }
        }
        // The stops are trusted only when the best descent met a convergence test. When it did not (a flat valley whose
        // floor the line search cannot resolve), where a descent ends depends on where it started, and the starts that
        // were stopped might have gone further: every start then descends to the end.
        var best = results.Where((r, i) => descent[i] == i && double.IsFinite(r.Value)).MinBy(r => r.Value);
        if (best is not null && !best.Converged)
        {
            done = 0;
            return DescendEvery();
        }
        return (results, descent);
    }

    /// <summary>
    /// Gives every start that joined another's descent that descent's end point, iterations and exit, keeping its own
    /// count of evaluations (the work it did).
    /// </summary>
    public static void Share(OptimizerResult[] results, int[] descent)
    {
        for (int i = 0; i < results.Length; i++)
        {
            if (descent[i] != i) results[i] = results[descent[i]] with { Evaluations = results[i].Evaluations };
        }
    }

    // Screened objectives in ascending order, non-finite ones last.
    private static double Rank(double value) => double.IsFinite(value) ? value : double.PositiveInfinity;
}
