namespace ScaleLab.Fitting;

/// <summary>Where residuals are taken: on the log of the metric (the field's default) or on the metric itself.</summary>
public enum ResidualSpace
{
    /// <summary>r = ln ŷ − ln y.</summary>
    Log,

    /// <summary>r = ŷ − y.</summary>
    Linear,
}
