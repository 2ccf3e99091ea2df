namespace ScaleLab.Studies;

/// <summary>Which way finite sizes move a measured scaling exponent from its asymptotic value.</summary>
public enum ExponentBias
{
    /// <summary>The measured exponent comes out larger: the metric falls faster than the leading power law.</summary>
    Steeper,

    /// <summary>The measured exponent comes out smaller: the metric falls slower than the leading power law.</summary>
    Shallower,
}
