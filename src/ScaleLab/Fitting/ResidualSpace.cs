namespace ScaleLab.Fitting;

/// <summary>Where residuals are taken: on the log of the metric (the field's default) or on the metric itself.</summary>
public enum ResidualSpace
{
    /// <summary>r = ln ŷ − ln y.</summary>
    Log,

    /// <summary>r = ŷ − y.</summary>
    Linear,

    /// <summary>r = ln(1 + ŷ) − ln(1 + y): the BNSL scripts' squared log error (Caballero et al. 2023), which damps small metrics.</summary>
    Log1p,
}
