namespace ScaleLab.Tests.Support;

/// <summary>Locates ../shared/datasets (beside the repository). Tests that need it skip visibly when it is absent.</summary>
public static class SharedData
{
    /// <summary>The datasets folder, or null when it is not there (a user's fresh clone).</summary>
    public static string? Root { get; } = Find();

    /// <summary>Full path of a dataset file, or null when the datasets folder is absent.</summary>
    public static string? File(string relative) => Root is null ? null : Path.Combine(Root, relative);

    /// <summary>Message used by skipping tests.</summary>
    public const string Missing = "../shared/datasets is not present beside the repository; dataset test skipped";

    private static string? Find()
    {
        var env = Environment.GetEnvironmentVariable("SCALELAB_DATASETS");
        if (!string.IsNullOrEmpty(env) && Directory.Exists(env)) return env;
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null)
        {
            if (System.IO.File.Exists(Path.Combine(dir.FullName, "ScaleLab.slnx")))
            {
                var candidate = Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", "datasets"));
                return Directory.Exists(candidate) ? candidate : null;
            }
            dir = dir.Parent;
        }
        return null;
    }
}
