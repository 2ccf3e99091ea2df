using System.Globalization;
using System.Text;
using ScaleLab.Store;

namespace ScaleLab.Tests.Store;

/// <summary>Everything a store holds, as text with one line per row in a fixed order, so two stores can be compared whole.</summary>
internal static class StoreDump
{
    public static string Of(RunStore store, bool withOrder = true)
    {
        var text = new StringBuilder();
        void Line(string s) => text.Append(s).Append('\n');
        static string N(double? v) => v is { } x ? x.ToString("R", CultureInfo.InvariantCulture) : "null";
        static string M(IReadOnlyDictionary<string, double> m) => string.Join(",", m.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}={N(p.Value)}"));
        static string T(DateTimeOffset? t) => t?.ToString("O", CultureInfo.InvariantCulture) ?? "null";

        foreach (var s in store.Studies()) Line($"study {s.Name} seed={s.Seed} desc={s.Description} created={T(s.Created)} regimes={s.Regimes ?? "null"}");
        foreach (var s in store.Sweeps()) Line($"sweep {s.Name} created={T(s.Created)} definition={s.Definition}");
        var names = store.Studies().Select(s => s.Name).Concat(store.Sweeps().Select(s => s.Name));
        foreach (var name in names)
        {
            var runs = store.Runs(name);
            if (!withOrder) runs = [.. runs.OrderBy(r => r.Key, StringComparer.Ordinal)];
            var curves = store.Curves(name);
            foreach (var r in runs)
            {
                var o = r.Outcome;
                Line($"run {r.Study}/{r.Key} kind={r.Kind} group={r.Group} spec={r.Specification} seed={r.Seed} status={r.Status} error={r.Error ?? "null"} " +
                     $"wall={N(r.WallSeconds)} created={T(r.Created)} tags=[{r.Tags}]");
                if (o is not null)
                {
                    Line($"  outcome N={N(o.Parameters.Value)}/{o.ParameterCounting} D={N(o.Tokens?.Value)}/{o.TokenUnit} C={N(o.Compute?.Value)}/{o.ComputeCounting} " +
                         $"ending={o.Ending} steps={o.Steps} train=[{M(o.Train)}] heldOut=[{M(o.HeldOut)}] diagnostics=[{string.Join(";", o.Diagnostics.Select(d => $"{d.Severity}:{d.Code}:{d.Message}"))}]");
                }
                foreach (var p in curves.GetValueOrDefault(r.Key) ?? []) Line($"  point step={p.Step} tokens={N(p.Tokens)} [{M(p.Metrics)}]");
            }
            foreach (var a in store.Attempts(name))
            {
                Line($"attempt {a.Study}/{a.Key}#{a.Attempt} worker={a.Worker} job={a.JobId ?? "null"} state={a.State} exit={a.ExitCode?.ToString(CultureInfo.InvariantCulture) ?? "null"} " +
                     $"log={a.LogTail ?? "null"} reason={a.Reason ?? "null"} started={T(a.Started)} updated={T(a.Updated)} ended={T(a.Ended)}");
            }
        }
        return text.ToString();
    }
}
