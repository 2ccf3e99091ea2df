namespace ScaleLab.Data;

/// <summary>
/// A variable was read from an observation that does not hold it (a learning curve in D has no N). Code that
/// can meet such rows asks <see cref="Observation.Has"/> or the set's <see cref="ObservationSet.PresentVariables"/> first.
/// </summary>
public sealed class MissingVariableException : InvalidOperationException
{
    /// <summary>Creates the exception for <paramref name="variable"/>.</summary>
    public MissingVariableException(ScaleVariable variable)
        : base($"the data hold no {ScalingData.Describe(variable)}")
    {
        Variable = variable;
    }

    /// <summary>The variable that was asked for.</summary>
    public ScaleVariable Variable { get; }
}
