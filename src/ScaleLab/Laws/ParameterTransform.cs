namespace ScaleLab.Laws;

/// <summary>How a law's published parameter maps to the coordinate the optimizer moves.</summary>
public enum ParameterTransform
{
    /// <summary>The optimizer works on the value itself (exponents).</summary>
    Identity,

    /// <summary>The optimizer works on ln(value) (scales such as A, B, E; the value stays positive).</summary>
    Log,
}
