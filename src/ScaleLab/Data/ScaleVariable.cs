namespace ScaleLab.Data;

/// <summary>The scale variables a law can depend on.</summary>
public enum ScaleVariable
{
    /// <summary>Model parameters N.</summary>
    Parameters,

    /// <summary>Training tokens or samples D.</summary>
    Tokens,

    /// <summary>Training compute C in FLOPs.</summary>
    Compute,

    /// <summary>Unique training tokens U_D (data-constrained laws).</summary>
    UniqueTokens,
}
