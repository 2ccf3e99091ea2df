namespace ScaleLab.Experiments;

/// <summary>
/// One built-in experiment: the name a user types (<c>scalelab train teacher-student</c>), the run
/// kind its runs are stored under, its specification record and the settings a run takes when the
/// command line gives none.
/// </summary>
/// <param name="Name">The command name, e.g. <c>teacher-student</c>.</param>
/// <param name="Kind">The run kind in the store and the trainer's name, e.g. <c>deep-teacher-student</c>.</param>
/// <param name="SpecificationType">The specification record a run of this experiment carries.</param>
/// <param name="Defaults">The specification used when a command line names no spec file (options override its fields).</param>
/// <param name="Description">One line for help texts.</param>
public sealed record BuiltInExperiment(string Name, string Kind, Type SpecificationType, object Defaults, string Description);
