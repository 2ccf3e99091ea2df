namespace ScaleLab.Formulas;

/// <summary>
/// Likely intended names for a misspelt one, by optimal string alignment distance (Levenshtein plus
/// adjacent transpositions, so "epx" is one edit from "exp"). Case counts as a difference but a cheap
/// one, because names are case-sensitive and "Exp" most likely means "exp".
/// </summary>
public static class NearMisses
{
    /// <summary>
    /// Candidates close to <paramref name="name"/>, closest first, at most <paramref name="limit"/>: a change of case
    /// for any name, one edit for names of two to four characters, two edits from five.
    /// </summary>
    public static IReadOnlyList<string> Find(string name, IEnumerable<string> candidates, int limit = 3)
    {
        var scored = new List<(string Candidate, double Distance)>();
        foreach (var candidate in candidates)
        {
            if (candidate == name) continue;
            double d = Distance(name, candidate);
            int shorter = Math.Min(name.Length, candidate.Length);
            double allowed = shorter >= 5 ? 2 : shorter >= 2 ? 1 : 0.5;
            if (d <= allowed) scored.Add((candidate, d));
        }
        scored.Sort((a, b) => a.Distance != b.Distance ? a.Distance.CompareTo(b.Distance) : string.CompareOrdinal(a.Candidate, b.Candidate));
        var result = new List<string>(Math.Min(limit, scored.Count));
        foreach (var (candidate, _) in scored)
        {
            if (result.Count == limit) break;
            if (!result.Contains(candidate)) result.Add(candidate);
        }
        return result;
    }

    /// <summary>"did you mean 'exp'?", "did you mean 'min' or 'max'?", or null when there is no near miss.</summary>
    public static string? Hint(string name, IEnumerable<string> candidates)
    {
        var near = Find(name, candidates);
        if (near.Count == 0) return null;
        if (near.Count == 1) return $"did you mean '{near[0]}'?";
        return $"did you mean {string.Join(", ", near.Take(near.Count - 1).Select(x => $"'{x}'"))} or '{near[^1]}'?";
    }

    private static double Distance(string a, string b)
    {
        var d = new double[a.Length + 1, b.Length + 1];
        for (int i = 0; i <= a.Length; i++) d[i, 0] = i;
        for (int j = 0; j <= b.Length; j++) d[0, j] = j;
        for (int i = 1; i <= a.Length; i++)
        for (int j = 1; j <= b.Length; j++)
        {
            double cost = a[i - 1] == b[j - 1] ? 0 : char.ToLowerInvariant(a[i - 1]) == char.ToLowerInvariant(b[j - 1]) ? 0.5 : 1;
            d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
        }
        return d[a.Length, b.Length];
    }
}
