namespace ScaleLab.Data;

/// <summary>What to do with a row whose metric cell is empty or NaN (<c>--missing</c>).</summary>
public enum MissingPolicy
{
    /// <summary>Stop with an error naming the first such row (the default: a silent gap can bias a fit).</summary>
    Error,

    /// <summary>Skip such rows and say how many went.</summary>
    Drop,
}
