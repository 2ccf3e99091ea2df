namespace ScaleLab.Design;

/// <summary>The quantity that matters at a target compute.</summary>
public enum TargetQuantity
{
    /// <summary>The loss at the compute-optimal allocation, L(N_opt, D_opt).</summary>
    Loss,

    /// <summary>The compute-optimal parameter count N_opt.</summary>
    OptimalParameters,

    /// <summary>The compute-optimal token count D_opt.</summary>
    OptimalTokens,
}
