namespace ScaleLab.Studies;

/// <summary>How large the built-in studies are.</summary>
public enum StudyScale
{
    /// <summary>Small enough for the demo (minutes on two cores): fewer draws, fewer features, smaller data.</summary>
    Demo,

    /// <summary>The settings of SCIENCE.md §14 V25–V26 (tens of minutes on two cores).</summary>
    Full,
}
