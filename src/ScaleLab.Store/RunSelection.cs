using System.Globalization;
using ScaleLab.Data;
using ScaleLab.Diagnostics;
using ScaleLab.Formulas;

namespace ScaleLab.Store;

/// <summary>
/// The runs an export keeps and their order (<c>runs export --where EXPR --group-by COL</c>): the finished runs are
/// read back from their CSV (<see cref="RunCsv"/>) by the same reader the fitting commands use, so an expression or a
/// grouping column means in the export exactly what it means to <c>fit</c> of the exported file. Reading back also
/// runs the check for pooled sources, so an export mixing a study's regimes says so.
/// </summary>
public sealed class RunSelection
{
    private RunSelection(IReadOnlyList<RunRecord> runs, IReadOnlyList<Diagnostic> diagnostics)
    {
        Runs = runs;
        Diagnostics = diagnostics;
    }

    /// <summary>The runs to export, in order: the rows <c>--where</c> kept, group after group with <c>--group-by</c>.</summary>
    public IReadOnlyList<RunRecord> Runs { get; }

    /// <summary>What reading back found: the rows kept, the groups, a warning when the runs look pooled from several sources.</summary>
    public IReadOnlyList<Diagnostic> Diagnostics { get; }

    /// <summary>
    /// Selects among <paramref name="runs"/>. A malformed or misspelt <paramref name="where"/> or <paramref name="groupBy"/>
    /// throws <see cref="InputDataException"/> or <see cref="FormulaException"/>, naming <paramref name="label"/>. Without
    /// either, every exportable run is kept, and a read that fails (runs without a held-out loss) only leaves the check out.
    /// </summary>
    public static RunSelection Select(IReadOnlyList<RunRecord> runs, FormulaPredicate? where, IReadOnlyList<string> groupBy, string label)
    {
        var exported = RunCsv.Exported(runs);
        if (exported.Count == 0) return new RunSelection(exported, []);
        var csv = new StringWriter(CultureInfo.InvariantCulture);
        RunCsv.Write(csv, exported);
        var options = new ReadOptions { Where = where, GroupBy = groupBy, Missing = MissingPolicy.Drop };
        bool selecting = where is not null || groupBy.Count > 0;
        ObservationSet set;
        try
        {
            set = ObservationReader.ReadCsv(new StringReader(csv.ToString()), label, options);
        }
        catch (InputDataException) when (!selecting)
        {
            return new RunSelection(exported, []);
        }
        // Row k of the export is exported run k - 1; groups keep their first-appearance order.
        var order = groupBy.Count > 0 ? set.Groups().SelectMany(g => Indices(g.Data)) : Indices(set);
        return new RunSelection([.. order.Select(i => exported[i])], set.Diagnostics);
    }

    private static int[] Indices(ObservationSet set)
    {
        var rows = set.Rows;
        var indices = new int[rows.Length];
        for (int i = 0; i < rows.Length; i++) indices[i] = rows[i] - 1;
        return indices;
    }
}
