namespace ScaleLab.Formulas.Compilation;

/// <summary>
/// What one kind of evaluation (prediction or log prediction, with or without the Jacobian) runs:
/// the parameter-only steps, the vector steps over each block of rows, and where each output comes
/// from. Work buffers are reused once their value is no longer needed; an output computed by a
/// vector step is written straight into the caller's span.
/// </summary>
internal sealed class EvaluationPlan
{
    private EvaluationPlan(ScalarStep[] scalars, RowStep[] rows, Slot[] outputSources, int workSlots, int gatherSlots)
    {
        Scalars = scalars;
        Rows = rows;
        OutputSources = outputSources;
        WorkSlots = workSlots;
        GatherSlots = gatherSlots;
    }

    public ScalarStep[] Scalars { get; }

    public RowStep[] Rows { get; }

    /// <summary>For each output, where its value is (an <see cref="SlotKind.Output"/> slot of its own index when written in place).</summary>
    public Slot[] OutputSources { get; }

    public int WorkSlots { get; }

    /// <summary>Block buffers for gathering the operands of min, max, clamp, select and kink counts.</summary>
    public int GatherSlots { get; }

    /// <summary>Plans the evaluation of <paramref name="outputs"/> (node ids; output k goes to output slot k).</summary>
    public static EvaluationPlan Build(IrGraph g, int[] outputs, IReadOnlyDictionary<int, int> scalarSlots,
        IReadOnlyDictionary<int, int> dataSlots, IReadOnlyDictionary<int, FormulaKinkSite> sites)
    {
        var needed = Reachable(g, outputs);
        var storage = new Dictionary<int, Slot>();
        for (int k = 0; k < outputs.Length; k++)
        {
            if (g.ClassOf(outputs[k]) == IrClass.Row && !storage.ContainsKey(outputs[k])) storage[outputs[k]] = new Slot(SlotKind.Output, k);
        }
        var rowIds = new List<int>();
        var scalars = new List<ScalarStep>();
        for (int id = 0; id < g.Count; id++)
        {
            if (!needed[id]) continue;
            var node = g[id];
            if (g.ClassOf(id) == IrClass.Row) rowIds.Add(id);
            else if (g.ClassOf(id) == IrClass.Parameters && node.Op != IrOp.Parameter)
            {
                var ops = node.Operands();
                scalars.Add(new ScalarStep(node, scalarSlots[id], Array.ConvertAll(ops, o => scalarSlots[o]),
                    sites.TryGetValue(id, out var site) ? site.Index : -1, FreeMask(g, ops)));
            }
        }
        // A product whose only use is a sum or another product is fused into it (a·b + c, a·b·c in one pass).
        var uses = new Dictionary<int, int>();
        foreach (var id in rowIds) foreach (var o in g[id].Operands()) uses[o] = uses.GetValueOrDefault(o) + 1;
        foreach (var o in outputs) uses[o] = uses.GetValueOrDefault(o) + 1;
        var fused = new HashSet<int>();
        var absorbers = new HashSet<int>();
        var steps = new List<(int Id, IrNode Node, int[] Operands)>();
        foreach (var id in rowIds)
        {
            var node = g[id];
            if (node.Op is IrOp.Add or IrOp.Multiply && !sites.ContainsKey(id))
            {
                int product = IsFusable(g, node.A, uses, absorbers) ? node.A : IsFusable(g, node.B, uses, absorbers) ? node.B : -1;
                if (product >= 0)
                {
                    fused.Add(product);
                    absorbers.Add(id);
                    var p = g[product];
                    var fusedOp = node.Op == IrOp.Add ? IrOp.MultiplyAdd : IrOp.Multiply3;
                    node = new IrNode(fusedOp, p.A, p.B, product == node.A ? node.B : node.A, null, 0, 0, IrClass.Row);
                }
            }
            steps.Add((id, node, node.Operands()));
        }
        steps.RemoveAll(s => fused.Contains(s.Id));

        var lastUse = new Dictionary<int, int>();
        for (int t = 0; t < steps.Count; t++) foreach (var o in steps[t].Operands) lastUse[o] = t;
        foreach (var o in outputs) lastUse[o] = int.MaxValue;

        var free = new Stack<int>();
        int workSlots = 0, gatherSlots = 0;
        var rows = new RowStep[steps.Count];
        for (int t = 0; t < steps.Count; t++)
        {
            var (id, node, ops) = steps[t];
            if (!storage.ContainsKey(id)) storage[id] = new Slot(SlotKind.Work, free.Count > 0 ? free.Pop() : workSlots++);
            var slots = new Slot[ops.Length];
            for (int k = 0; k < ops.Length; k++) slots[k] = Locate(g, ops[k], storage, scalarSlots, dataSlots);
            int site = sites.TryGetValue(id, out var s) ? s.Index : -1;
            if (NeedsGather(node.Op) || site >= 0) gatherSlots = Math.Max(gatherSlots, ops.Length);
            rows[t] = new RowStep(node, storage[id], slots, site, FreeMask(g, ops));
            // Operands are released after the destination is taken, so no step writes over its own input.
            foreach (var o in ops.Distinct())
            {
                if (g.ClassOf(o) == IrClass.Row && lastUse[o] == t && storage[o].Kind == SlotKind.Work) free.Push(storage[o].Index);
            }
        }
        var sources = new Slot[outputs.Length];
        for (int k = 0; k < outputs.Length; k++) sources[k] = Locate(g, outputs[k], storage, scalarSlots, dataSlots);
        return new EvaluationPlan([.. scalars], rows, sources, workSlots, gatherSlots);
    }

    // A plain row product used once; a product that already absorbed another is not fused again.
    private static bool IsFusable(IrGraph g, int id, Dictionary<int, int> uses, HashSet<int> absorbers) =>
        g[id].Op == IrOp.Multiply && g.ClassOf(id) == IrClass.Row && uses.GetValueOrDefault(id) == 1 && !absorbers.Contains(id);

    /// <summary>Nodes the outputs depend on.</summary>
    public static bool[] Reachable(IrGraph g, int[] outputs)
    {
        var needed = new bool[g.Count];
        foreach (var o in outputs) needed[o] = true;
        for (int id = g.Count - 1; id >= 0; id--)
        {
            if (!needed[id]) continue;
            foreach (var o in g[id].Operands()) needed[o] = true;
        }
        return needed;
    }

    /// <summary>True for operations whose kernel reads its operands gathered into dense blocks.</summary>
    public static bool NeedsGather(IrOp op) => op is IrOp.Min or IrOp.Max or IrOp.Clamp or IrOp.Select;

    private static Slot Locate(IrGraph g, int id, Dictionary<int, Slot> storage, IReadOnlyDictionary<int, int> scalarSlots, IReadOnlyDictionary<int, int> dataSlots) =>
        g.ClassOf(id) switch
        {
            IrClass.Row => storage[id],
            IrClass.Data => new Slot(SlotKind.Data, dataSlots[id]),
            _ => new Slot(SlotKind.Scalar, scalarSlots[id]),
        };

    private static int FreeMask(IrGraph g, int[] operands)
    {
        int mask = 0;
        for (int k = 0; k < operands.Length && k < 31; k++) if (!g.DependsOnParameters(operands[k])) mask |= 1 << k;
        return mask;
    }
}
