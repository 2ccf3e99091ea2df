namespace ScaleLab.Formulas.Compilation;

/// <summary>
/// Exact first derivatives of one output with respect to every parameter, as new graph nodes:
/// reverse-mode differentiation done symbolically. One sweep from the output back to the parameters
/// builds each node's adjoint (∂output/∂node) from its users', so the chain-rule products near the
/// output are shared by all parameters, and hash-consing, constant folding and the dependency classes
/// of the graph apply to the derivatives too (a derivative that depends only on parameters is computed
/// once per evaluation, one that is constant is folded away). min, max, clamp and abs take the
/// subgradient of the argument they pass through (<see cref="IrScalar.Selected"/>); sign has derivative 0.
/// </summary>
internal static class IrDerivatives
{
    /// <summary>The node of ∂output/∂θ_j for every parameter j (a constant 0 where the output does not depend on θ_j).</summary>
    public static int[] Gradient(IrGraph g, int output, int parameterCount)
    {
        int last = output;
        var adjoint = new Dictionary<int, int> { [output] = g.Constant(1) };
        var result = new int[parameterCount];
        Array.Fill(result, g.Constant(0));
        // Ids are a topological order, so walking them downwards visits every user before its operands.
        for (int id = last; id >= 0; id--)
        {
            if (!adjoint.TryGetValue(id, out var a) || !g.DependsOnParameters(id)) continue;
            var node = g[id];
            switch (node.Op)
            {
                case IrOp.Parameter: result[node.Index] = a; break;
                case IrOp.Add: Add(node.A, a); Add(node.B, a); break;
                case IrOp.Subtract: Add(node.A, a); Add(node.B, g.Negate(a)); break;
                case IrOp.Multiply: Add(node.A, g.Multiply(a, node.B)); Add(node.B, g.Multiply(a, node.A)); break;
                case IrOp.Divide:
                    Add(node.A, g.Divide(a, node.B));
                    Add(node.B, g.Negate(g.Multiply(a, g.Divide(id, node.B))));
                    break;
                case IrOp.Negate: Add(node.A, g.Negate(a)); break;
                case IrOp.Square: Add(node.A, g.Multiply(a, g.Multiply(g.Constant(2), node.A))); break;
                case IrOp.Recip: Add(node.A, g.Negate(g.Multiply(a, g.Unary(IrOp.Square, id)))); break;
                case IrOp.Exp: Add(node.A, g.Multiply(a, id)); break;
                case IrOp.Log: Add(node.A, g.Divide(a, node.A)); break;
                case IrOp.Log10: Add(node.A, g.Divide(g.Multiply(a, g.Constant(IrScalar.Log10Slope)), node.A)); break;
                case IrOp.Log2: Add(node.A, g.Divide(g.Multiply(a, g.Constant(IrScalar.Log2Slope)), node.A)); break;
                case IrOp.Sqrt: Add(node.A, g.Divide(g.Multiply(a, g.Constant(0.5)), id)); break;
                case IrOp.Abs: Add(node.A, g.Multiply(a, g.Unary(IrOp.Sign, node.A))); break;
                case IrOp.Sign: break;
                case IrOp.Softplus: Add(node.A, g.Multiply(a, g.Unary(IrOp.Sigmoid, node.A))); break;
                case IrOp.Sigmoid: Add(node.A, g.Multiply(a, g.Multiply(id, g.Subtract(g.Constant(1), id)))); break;
                case IrOp.Tanh: Add(node.A, g.Multiply(a, g.Subtract(g.Constant(1), g.Unary(IrOp.Square, id)))); break;
                case IrOp.PowConst:
                {
                    double c = node.Value;
                    Add(node.A, g.Multiply(a, g.Multiply(g.Constant(c), g.Power(node.A, g.Constant(c - 1)))));
                    break;
                }
                case IrOp.Power:
                    Add(node.A, g.Multiply(a, g.Make(IrOp.PowerBaseSlope, node.A, node.B, id)));
                    Add(node.B, g.Multiply(a, g.Make(IrOp.PowerExpSlope, node.A, id, node.C)));
                    break;
                case IrOp.Min:
                case IrOp.Max:
                case IrOp.Clamp:
                {
                    var args = node.Operands();
                    for (int k = 0; k < args.Length; k++)
                    {
                        if (g.DependsOnParameters(args[k])) Add(args[k], g.Multiply(a, g.Select(node.Op, args, k)));
                    }
                    break;
                }
                case IrOp.CleanLog: Add(node.A, g.Multiply(a, g.Unary(IrOp.CleanRecip, node.A))); break;
                default: throw new InvalidOperationException($"no derivative rule for {node.Op}");
            }
        }
        return result;

        void Add(int target, int contribution)
        {
            if (!g.DependsOnParameters(target)) return;
            adjoint[target] = adjoint.TryGetValue(target, out var existing) ? g.Add(existing, contribution) : contribution;
        }
    }
}
