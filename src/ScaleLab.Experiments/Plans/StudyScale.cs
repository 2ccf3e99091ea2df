namespace ScaleLab.Experiments.Plans;

/// <summary>How large the built-in studies are.</summary>
public enum StudyScale
{
    /// <summary>Small enough for the demo (minutes on two cores): fewer draws, fewer features, smaller data.</summary>
    Demo,

    /// <summary>Settings close to the paper's: more features, draws and sizes (tens of minutes on two cores).</summary>
    Full,
}
