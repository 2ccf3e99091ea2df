using ScaleLab.Quantities;
using ScaleLab.Store;

namespace ScaleLab.Tests.Store;

/// <summary>Runs, curves and a scripted sequence of store operations shared by the store tests.</summary>
internal static class StoreSamples
{
    public static readonly DateTimeOffset T0 = new(2026, 11, 23, 8, 0, 0, TimeSpan.Zero);

    public static RunRecord Finished(string study, string key, double loss, DateTimeOffset created, RunTags? tags = null) => new()
    {
        Study = study, Key = key, Kind = "toy", Group = "data", Specification = $"{{\"key\":\"{key}\"}}", Seed = 42,
        Status = RunStatus.Finished, WallSeconds = 1.25, Created = created, Tags = tags ?? RunTags.Empty,
        Outcome = new RunOutcome
        {
            Parameters = ParameterCount.Of(1234), ParameterCounting = "non-embedding",
            Tokens = TokenCount.Of(5e6), Compute = Flops.Of(3.7e10), ComputeCounting = "measured",
            Train = new Dictionary<string, double> { ["loss"] = loss * 0.9 },
            HeldOut = new Dictionary<string, double> { ["loss"] = loss, ["excess_loss"] = double.NaN },
            TokenUnit = "tokens", Ending = "completed", Steps = 321,
            Diagnostics = [ScaleLab.Diagnostics.Diagnostic.Info("finite-features", "S is small")],
        },
    };

    public static RunRecord Failed(string study, string key, string error, DateTimeOffset created) => new()
    {
        Study = study, Key = key, Kind = "toy", Specification = "{}", Seed = 7, Status = RunStatus.Failed,
        Error = error, WallSeconds = 0.5, Created = created,
    };

    public static RunTags Tags(params (string Name, string Value)[] tags) => new(tags.Select(t => KeyValuePair.Create(t.Name, t.Value)));

    public static IReadOnlyList<CurvePoint> Curve(int points, double start) =>
    [
        .. Enumerable.Range(1, points).Select(i => new CurvePoint(i * 100, i * 1e5,
            new Dictionary<string, double> { ["loss"] = start / i, ["accuracy"] = i == points ? double.PositiveInfinity : 0.1 * i })),
    ];

    /// <summary>
    /// Every kind of write the store takes, in a fixed order on a clock that moves only here: studies,
    /// regimes, a sweep, runs with tags and curves, failures and their retries, claims that are
    /// renewed, lapse, are adopted, released and ended with a result, and a second result for a
    /// finished key.
    /// </summary>
    public static void Scenario(RunStore store, Support.ManualClock clock)
    {
        var lease = TimeSpan.FromMinutes(5);
        store.EnsureStudy("study-a", 11, "a study");
        store.SaveRegimes("study-a", "[{\"name\":\"data\"}]");
        store.Save(Finished("study-a", "a1", 2.5, T0.AddSeconds(1)), Curve(4, 3.0));
        store.Save(Failed("study-a", "a2", "InvalidOperationException: diverged", T0.AddSeconds(2)));
        store.Save(Finished("study-a", "a2", 2.25, T0.AddSeconds(3)));
        store.Save(Failed("study-a", "a3", "first error", T0.AddSeconds(4)));
        store.Save(Failed("study-a", "a3", "second error", T0.AddSeconds(5)));
        store.EnsureSweep("sweep-b", "[grid]\nbudgets = [1e17, 3e17]\n");
        clock.Advance(TimeSpan.FromSeconds(10));
        store.EnsureSweep("sweep-b", "[grid]\nbudgets = [1e17, 3e17, 1e18]\n");

        var c1 = store.TryClaim("sweep-b", "b1", "host:1", lease).Claim!;
        store.UpdateAttempt(c1, AttemptState.Pending, jobId: "17_0");
        clock.Advance(TimeSpan.FromSeconds(30));
        store.UpdateAttempt(c1, AttemptState.Running);
        store.Renew(c1, lease);
        clock.Advance(TimeSpan.FromSeconds(30));
        store.UpdateAttempt(c1, AttemptState.Failed, exitCode: 3, logTail: "Traceback ...\nValueError: nan loss");
        var c2 = store.TryClaim("sweep-b", "b1", "host:1", lease).Claim!;
        store.UpdateAttempt(c2, AttemptState.Running, jobId: "18_0");
        clock.Advance(TimeSpan.FromMinutes(10));
        var adopted = store.TryAdopt(store.Attempts("sweep-b", "b1").Last(), "host:2", lease).Claim!;
        store.Save(Finished("sweep-b", "b1", 3.5, clock.GetUtcNow(), Tags(("lr", "3e-4"), ("optimizer", "adam"))), Curve(3, 4.0), adopted);
        store.Save(Finished("sweep-b", "b1", 9.9, clock.GetUtcNow()));

        var c3 = store.TryClaim("sweep-b", "b2", "host:2", lease).Claim!;
        store.UpdateAttempt(c3, AttemptState.Running, jobId: "18_1");
        store.Release(c3, AttemptState.Preempted, "preempted by a higher-priority job");
        var c4 = store.TryClaim("sweep-b", "b2", "host:1", lease).Claim!;
        clock.Advance(TimeSpan.FromMinutes(6));
        var c5 = store.TryClaim("sweep-b", "b2", "host:2", lease).Claim!;
        store.Release(c5);
        _ = c4;
        store.Save(Finished("sweep-b", "b3", 1.5, clock.GetUtcNow(), Tags(("lr", "1e-3"), ("optimizer", "sgd"))));
    }
}
