using ScaleLab.Numerics;
using ScaleLab.Tests.Support;

namespace ScaleLab.Tests.Formulas;

/// <summary>Compiled formulas on every vector path (512, 256, 128 bits and scalar), against the interpreter and finite differences.</summary>
[Collection(VectorPathCollection.Name)]
public class FormulaVectorPathTests
{
    public static TheoryData<string> Paths => [nameof(VectorPath.None), nameof(VectorPath.Portable128), nameof(VectorPath.Portable256), nameof(VectorPath.Avx512)];

    [SkippableTheory]
    [MemberData(nameof(Paths))]
    public void Compiled_RandomFormulas_AgreeOnEveryPath(string path)
    {
        using var scope = VectorPathScope.Use(Enum.Parse<VectorPath>(path));
        FormulaPropertyTests.CheckMany();
    }
}
