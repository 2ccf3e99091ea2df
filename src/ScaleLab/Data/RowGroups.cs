namespace ScaleLab.Data;

/// <summary>
/// Runs an analysis once per group of a grouped read (<see cref="ObservationSet.Groups"/>), in the groups' order: a
/// group the command cannot analyse (fewer rows than the law has free parameters, say) is skipped with the reason,
/// and so is one whose analysis stops on bad input of its own rows, so that one thin or malformed source does not
/// hide the others.
/// </summary>
public static class RowGroups
{
    /// <summary>
    /// The outcome of each group: skipped when <paramref name="tooSmall"/> gives a reason, or when <paramref name="analyse"/>
    /// throws <see cref="InputDataException"/>, <see cref="MissingVariableException"/> or <see cref="ArgumentException"/>
    /// (its message is the reason); otherwise the result.
    /// </summary>
    public static IReadOnlyList<GroupOutcome<T>> Run<T>(IReadOnlyList<RowGroup> groups, Func<RowGroup, string?> tooSmall, Func<RowGroup, int, T> analyse,
        CancellationToken cancellationToken = default) where T : class
    {
        var outcomes = new List<GroupOutcome<T>>(groups.Count);
        for (int g = 0; g < groups.Count; g++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var group = groups[g];
            if (tooSmall(group) is { } reason)
            {
                outcomes.Add(new GroupOutcome<T>(group, null, reason));
                continue;
            }
            try
            {
                outcomes.Add(new GroupOutcome<T>(group, analyse(group, g), null));
            }
            catch (Exception e) when (e is InputDataException or MissingVariableException or ArgumentException)
            {
                var message = e is InputDataException input ? input.Reason : e.Message;
                outcomes.Add(new GroupOutcome<T>(group, null, message));
            }
        }
        return outcomes;
    }

    /// <summary>"3 rows; a parabola needs at least 5": why <paramref name="group"/> is too small for <paramref name="what"/>, which needs <paramref name="needed"/> rows; null when it is not.</summary>
    public static string? TooFew(RowGroup group, int needed, string what) =>
        group.Data.Count < needed ? $"{group.Data.Count} row{(group.Data.Count == 1 ? "" : "s")}; {what} needs at least {needed}" : null;
}
