using System.Globalization;
using System.Text;

namespace ScaleLab.Formulas.Compilation;

/// <summary>
/// The compiled graph of a law and its derivatives. Nodes are hash-consed, so every shared
/// subexpression exists once; operations on constants are folded; a few identities (x + 0, x·1, x·0,
/// −−x, x^1, x^2 → x·x, x^0.5 → √x, x^−1 → 1/x) simplify as nodes are made. Operands always have
/// smaller ids than their users, so ids are a topological order.
/// </summary>
internal sealed class IrGraph
{
    private readonly List<IrNode> _nodes = [];
    private readonly Dictionary<string, int> _interned = new(StringComparer.Ordinal);

    public int Count => _nodes.Count;

    public IrNode this[int id] => _nodes[id];

    public bool IsConstant(int id, out double value)
    {
        var node = _nodes[id];
        value = node.Value;
        return node.Op == IrOp.Constant;
    }

    public bool IsConstant(int id, double value) => IsConstant(id, out var v) && v.Equals(value);

    public IrClass ClassOf(int id) => _nodes[id].Class;

    public bool DependsOnParameters(int id) => (_nodes[id].Class & IrClass.Parameters) != 0;

    public int Constant(double value) => Intern(new IrNode(IrOp.Constant, -1, -1, -1, null, value, 0, IrClass.Constant));

    public int Variable(int index) => Intern(new IrNode(IrOp.Variable, -1, -1, -1, null, 0, index, IrClass.Data));

    public int Parameter(int index) => Intern(new IrNode(IrOp.Parameter, -1, -1, -1, null, 0, index, IrClass.Parameters));

    public int Add(int a, int b)
    {
        if (IsConstant(a, 0)) return b;
        if (IsConstant(b, 0)) return a;
        if (_nodes[b].Op == IrOp.Negate) return Subtract(a, _nodes[b].A);
        if (_nodes[a].Op == IrOp.Negate) return Subtract(b, _nodes[a].A);
        return Make(IrOp.Add, Math.Min(a, b), Math.Max(a, b));
    }

    public int Subtract(int a, int b)
    {
        if (IsConstant(b, 0)) return a;
        if (IsConstant(a, 0)) return Negate(b);
        if (_nodes[b].Op == IrOp.Negate) return Add(a, _nodes[b].A);
        return Make(IrOp.Subtract, a, b);
    }

    public int Multiply(int a, int b)
    {
        // x·0 = 0 even where x is infinite: the zeros come from derivatives that do not exist, not from the law.
        if (IsConstant(a, 0) || IsConstant(b, 0)) return Constant(0);
        if (IsConstant(a, 1)) return b;
        if (IsConstant(b, 1)) return a;
        if (IsConstant(a, -1)) return Negate(b);
        if (IsConstant(b, -1)) return Negate(a);
        // Negations of row values move out of products (and Negate moves them onto a per-evaluation factor).
        if (_nodes[a].Op == IrOp.Negate && _nodes[a].Class == IrClass.Row) return Negate(Multiply(_nodes[a].A, b));
        if (_nodes[b].Op == IrOp.Negate && _nodes[b].Class == IrClass.Row) return Negate(Multiply(a, _nodes[b].A));
        // Factors fixed per evaluation move to the top of a product, where they combine once per evaluation
        // and a negation can join them: x·(s·r) = s·(x·r), t·(s·r) = (t·s)·r for row values x, r and fixed s, t.
        if (_nodes[a].Class != IrClass.Data && Split(b, out var s, out var r)) return _nodes[a].Class == IrClass.Row ? Multiply(s, Multiply(a, r)) : Multiply(Multiply(a, s), r);
        if (_nodes[b].Class != IrClass.Data && Split(a, out s, out r)) return _nodes[b].Class == IrClass.Row ? Multiply(s, Multiply(b, r)) : Multiply(Multiply(b, s), r);
        return Make(IrOp.Multiply, Math.Min(a, b), Math.Max(a, b));
    }

    // A row product s·r with s a parameter-only value.
    private bool Split(int id, out int fixedFactor, out int rowFactor)
    {
        var node = _nodes[id];
        fixedFactor = rowFactor = -1;
        if (node.Op != IrOp.Multiply || node.Class != IrClass.Row) return false;
        if (_nodes[node.A].Class == IrClass.Parameters && _nodes[node.B].Class == IrClass.Row) (fixedFactor, rowFactor) = (node.A, node.B);
        else if (_nodes[node.B].Class == IrClass.Parameters && _nodes[node.A].Class == IrClass.Row) (fixedFactor, rowFactor) = (node.B, node.A);
        return fixedFactor >= 0;
    }

    public int Divide(int a, int b)
    {
        if (IsConstant(a, 0)) return Constant(0);
        if (IsConstant(b, 1)) return a;
        if (IsConstant(a, 1)) return Unary(IrOp.Recip, b);
        if (_nodes[a].Op == IrOp.Negate && _nodes[a].Class == IrClass.Row) return Negate(Divide(_nodes[a].A, b));
        return Make(IrOp.Divide, a, b);
    }

    public int Negate(int a)
    {
        var node = _nodes[a];
        if (node.Op == IrOp.Negate) return node.A;
        // −(s·x) with s fixed per evaluation is (−s)·x: the negation is then done once, not per row.
        if (node.Op is IrOp.Multiply or IrOp.Divide && node.Class == IrClass.Row)
        {
            if (_nodes[node.A].Class != IrClass.Row) return node.Op == IrOp.Multiply ? Multiply(Negate(node.A), node.B) : Divide(Negate(node.A), node.B);
            if (_nodes[node.B].Class != IrClass.Row) return node.Op == IrOp.Multiply ? Multiply(node.A, Negate(node.B)) : Divide(node.A, Negate(node.B));
        }
        return Make(IrOp.Negate, a);
    }

    public int Unary(IrOp op, int a) => Make(op, a);

    /// <summary>x^y: folded, specialised for constant exponents, else e^(y·ln x) with ln x its own (shareable) node.</summary>
    public int Power(int x, int y)
    {
        if (IsConstant(y, out var c))
        {
            if (c == 0) return Constant(1);
            if (c == 1) return x;
            if (c == 2) return Unary(IrOp.Square, x);
            if (c == 0.5) return Unary(IrOp.Sqrt, x);
            if (c == -1) return Unary(IrOp.Recip, x);
            if (IsConstant(x, out var b)) return Constant(Math.Pow(b, c));
            return Intern(new IrNode(IrOp.PowConst, x, -1, -1, null, c, 0, _nodes[x].Class));
        }
        if (IsConstant(x, out var bx) && IsConstant(y, out var cy)) return Constant(Math.Pow(bx, cy));
        return Make(IrOp.Power, x, y, Unary(IrOp.Log, x));
    }

    public int Extremum(IrOp op, int[] args) => args.Length == 1 ? args[0] : MakeArgs(op, args, 0, 0);

    public int Clamp(int x, int lo, int hi) => Make(IrOp.Clamp, x, lo, hi);

    /// <summary>1 where <paramref name="op"/> over <paramref name="args"/> passes argument <paramref name="k"/> through, else 0.</summary>
    public int Select(IrOp op, int[] args, int k) => MakeArgs(IrOp.Select, args, (int)op, k);

    public int Make(IrOp op, int a, int b = -1, int c = -1)
    {
        var cls = _nodes[a].Class;
        if (b >= 0) cls |= _nodes[b].Class;
        if (c >= 0) cls |= _nodes[c].Class;
        var node = new IrNode(op, a, b, c, null, 0, 0, cls);
        return cls == IrClass.Constant ? Constant(Fold(node)) : Intern(node);
    }

    private int MakeArgs(IrOp op, int[] args, double value, int index)
    {
        var cls = IrClass.Constant;
        foreach (var a in args) cls |= _nodes[a].Class;
        var node = new IrNode(op, -1, -1, -1, args, value, index, cls);
        return cls == IrClass.Constant ? Constant(Fold(node)) : Intern(node);
    }

    private double Fold(in IrNode node)
    {
        var operands = node.Operands();
        var values = new double[operands.Length];
        for (int k = 0; k < operands.Length; k++) values[k] = _nodes[operands[k]].Value;
        return IrScalar.Evaluate(node, values);
    }

    private int Intern(IrNode node)
    {
        var key = Key(node);
        if (_interned.TryGetValue(key, out var id)) return id;
        id = _nodes.Count;
        _nodes.Add(node);
        _interned[key] = id;
        return id;
    }

    private static string Key(in IrNode node)
    {
        var sb = new StringBuilder();
        sb.Append((int)node.Op).Append('|').Append(node.A).Append('|').Append(node.B).Append('|').Append(node.C).Append('|')
            .Append(BitConverter.DoubleToInt64Bits(node.Value).ToString(CultureInfo.InvariantCulture)).Append('|').Append(node.Index);
        if (node.Args is not null) foreach (var a in node.Args) sb.Append(',').Append(a);
        return sb.ToString();
    }
}
