namespace ScaleLab.Design;

/// <summary>Why a run was suggested.</summary>
public enum SuggestionReason
{
    /// <summary>Cheap space-filling while there are fewer runs than free parameters.</summary>
    Fill,

    /// <summary>Best expected reduction of the target error per unit of cost to the cost power.</summary>
    Score,
}
