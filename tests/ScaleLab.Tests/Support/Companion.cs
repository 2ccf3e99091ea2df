using ScaleLab.Experiments.Companion;

namespace ScaleLab.Tests.Support;

/// <summary>
/// The training companion as the tests find it: this repository's build of scalelab-train (the CLI
/// project builds it). Tests that train skip visibly where libtorch cannot be loaded; a companion
/// that was not built at all is a failure, not a skip.
/// </summary>
public static class Companion
{
    private static readonly Lazy<(TrainerCompanion Companion, string? Unavailable)> Found = new(() =>
    {
        var companion = TrainerCompanion.Locate(null, out var problem) ?? throw new InvalidOperationException(problem);
        var check = companion.CheckAsync(TimeSpan.FromMinutes(2)).GetAwaiter().GetResult();
        return (companion, check is not null && check.Contains("libtorch cannot be loaded", StringComparison.Ordinal) ? check : null);
    });

    /// <summary>The companion.</summary>
    public static TrainerCompanion Trainer => Found.Value.Companion;

    /// <summary>Why training cannot run here (libtorch does not load), or null when it can.</summary>
    public static string? Unavailable => Found.Value.Unavailable;
}
