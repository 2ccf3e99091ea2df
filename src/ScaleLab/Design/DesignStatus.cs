namespace ScaleLab.Design;

/// <summary>How far a selection got.</summary>
public enum DesignStatus
{
    /// <summary>Runs were selected by their expected reduction of the target error (after any fill).</summary>
    Selected,

    /// <summary>Only cheap fill runs were selected: there are no runs to fit yet; train them, then ask again.</summary>
    FillOnly,

    /// <summary>No candidate could be selected (nothing affordable, or no usable fit).</summary>
    Failed,
}
