using ScaleLab.Numerics;
using ScaleLab.Tests.Support;

namespace ScaleLab.Tests.Numerics;

// Exp and log at every vector width: the portable 128- and 256-bit paths run on every machine, the
// AVX-512 path where the processor has it (skipped visibly elsewhere).
public class SimdMathTests
{
    /// <summary>Distance in units in the last place of <paramref name="expected"/>.</summary>
    private static double Ulps(double actual, double expected)
    {
        if (actual == expected) return 0;
        double ulp = Math.BitIncrement(Math.Abs(expected)) - Math.Abs(expected);
        return Math.Abs(actual - expected) / ulp;
    }

    private static double[] Exp(string path, double[] x) => Apply(path, x, log: false);

    private static double[] Log(string path, double[] x) => Apply(path, x, log: true);

    private static double[] Apply(string name, double[] x, bool log)
    {
        var path = Enum.Parse<VectorPath>(name);
        VectorPathScope.SkipUnlessSupported(path);
        return path switch
        {
            VectorPath.Portable128 => Apply<DoubleVector128>(x, log),
            VectorPath.Portable256 => Apply<DoubleVector256>(x, log),
            VectorPath.Avx512 => Apply<DoubleVector512>(x, log),
            _ => throw new ArgumentOutOfRangeException(nameof(path)),
        };
    }

    private static double[] Apply<TVector>(double[] x, bool log) where TVector : struct, IDoubleVector<TVector>
    {
        Assert.Equal(0, x.Length % TVector.Count);
        var y = new double[x.Length];
        for (int i = 0; i < x.Length; i += TVector.Count)
        {
            var v = TVector.Load(x, i);
            (log ? SimdMath<TVector>.Log(v) : SimdMath<TVector>.Exp(v)).Store(y, i);
        }
        return y;
    }

    private static double[] Uniform(int seed, int count, double low, double high)
    {
        var random = new Random(seed);
        var x = new double[count];
        for (int i = 0; i < count; i++) x[i] = low + (high - low) * random.NextDouble();
        return x;
    }

    [SkippableTheory]
    [MemberData(nameof(VectorPathScope.Widths), MemberType = typeof(VectorPathScope))]
    public void Exp_IsWithinOneUlpOfTheLibrary(string path)
    {
        // |x| ≤ 1 (no reduction), the kernel's typical range, nearly all of the normal range, and
        // results in the subnormal range (rounded once there too).
        foreach (var (low, high) in new[] { (-1.0, 1.0), (-30.0, 30.0), (-700.0, 700.0), (-745.0, -708.5) })
        {
            var x = Uniform(7, 400_000, low, high);
            var y = Exp(path, x);
            double worst = 0;
            for (int i = 0; i < x.Length; i++) worst = Math.Max(worst, Ulps(y[i], Math.Exp(x[i])));
            Assert.True(worst <= 1.0, $"{path}, x in [{low}, {high}]: worst error {worst} ulp");
        }
    }

    [SkippableTheory]
    [MemberData(nameof(VectorPathScope.Widths), MemberType = typeof(VectorPathScope))]
    public void Log_IsWithinOneUlpOfTheLibrary(string path)
    {
        // x = e^u for u uniform: around 1 (where cancellation threatens), most of the doubles, and
        // subnormal inputs.
        foreach (var (low, high) in new[] { (-3.0, 3.0), (-700.0, 700.0), (-744.0, -708.5) })
        {
            var x = Uniform(11, 400_000, low, high).Select(Math.Exp).ToArray();
            var y = Log(path, x);
            double worst = 0;
            for (int i = 0; i < x.Length; i++) worst = Math.Max(worst, Ulps(y[i], Math.Log(x[i])));
            Assert.True(worst <= 1.0, $"{path}, ln x in [{low}, {high}]: worst error {worst} ulp");
        }
    }

    // The scaling and the exponent split are exact at every width, so every width gives the same bits.
    [SkippableTheory]
    [InlineData(nameof(VectorPath.Portable128), nameof(VectorPath.Portable256))]
    [InlineData(nameof(VectorPath.Portable256), nameof(VectorPath.Avx512))]
    public void ExpAndLog_GiveTheSameBitsAtEveryWidth(string narrow, string wide)
    {
        var u = Uniform(3, 80_000, -745, 709);
        Assert.Equal(Exp(wide, u), Exp(narrow, u));
        var x = u.Select(Math.Exp).Where(v => v > 0).Take(40_000).ToArray();
        Assert.Equal(Log(wide, x), Log(narrow, x));
    }

    [SkippableTheory]
    [MemberData(nameof(VectorPathScope.Widths), MemberType = typeof(VectorPathScope))]
    public void Exp_OverflowsUnderflowsAndKeepsNaN(string path)
    {
        var y = Exp(path, [1000.0, -1000, double.NaN, double.PositiveInfinity, double.NegativeInfinity, 0, 709.78, -745.1, 709.8, -745.2, 1e300, -1e300, -0.0, 1e-300, 0.5, -0.5]);
        Assert.Equal(double.PositiveInfinity, y[0]);
        Assert.Equal(0.0, y[1]);
        Assert.True(double.IsNaN(y[2]));
        Assert.Equal(double.PositiveInfinity, y[3]);
        Assert.Equal(0.0, y[4]);
        Assert.Equal(1.0, y[5]);
        Assert.Equal(Math.Exp(709.78), y[6], Math.Exp(709.78) * 1e-15);
        Assert.Equal(Math.Exp(-745.1), y[7]);
        Assert.Equal(double.PositiveInfinity, y[8]);
        Assert.Equal(0.0, y[9]);
        Assert.Equal(double.PositiveInfinity, y[10]);
        Assert.Equal(0.0, y[11]);
        Assert.Equal(1.0, y[12]);
        Assert.Equal(1.0, y[13]);
        Assert.Equal(Math.Exp(0.5), y[14], Math.Exp(0.5) * 2.5e-16);
        Assert.Equal(Math.Exp(-0.5), y[15], Math.Exp(-0.5) * 2.5e-16);
    }

    [SkippableTheory]
    [MemberData(nameof(VectorPathScope.Widths), MemberType = typeof(VectorPathScope))]
    public void Log_OfSpecialValues(string path)
    {
        var y = Log(path, [0.0, double.PositiveInfinity, double.NaN, 1, 5e-324, 1e-310, 2, Math.E, -1, double.NegativeInfinity, -0.0, double.MaxValue,
            2.2250738585072014e-308, 2.225073858507201e-308, 1.4142135623730951, 0.7071067811865476]);
        Assert.Equal(double.NegativeInfinity, y[0]);
        Assert.Equal(double.PositiveInfinity, y[1]);
        Assert.True(double.IsNaN(y[2]));
        Assert.Equal(0.0, y[3]);
        Assert.Equal(Math.Log(5e-324), y[4], 1e-12);
        Assert.Equal(Math.Log(1e-310), y[5], 1e-12);
        Assert.Equal(Math.Log(2), y[6]);
        Assert.Equal(1.0, y[7]);
        Assert.True(double.IsNaN(y[8]));
        Assert.True(double.IsNaN(y[9]));
        Assert.Equal(double.NegativeInfinity, y[10]);
        Assert.Equal(Math.Log(double.MaxValue), y[11], 1e-12);
        Assert.Equal(Math.Log(2.2250738585072014e-308), y[12], 1e-12);
        Assert.Equal(Math.Log(2.225073858507201e-308), y[13], 1e-12);
        Assert.Equal(Math.Log(1.4142135623730951), y[14], 1e-16);
        Assert.Equal(Math.Log(0.7071067811865476), y[15], 1e-16);
    }

    [Fact]
    public void BestPath_IsSupportedAndNoNarrowerThanAnySupportedPath()
    {
        Assert.True(VectorPaths.IsSupported(VectorPaths.Best));
        foreach (var path in Enum.GetValues<VectorPath>())
        {
            if (VectorPaths.IsSupported(path)) Assert.True(path <= VectorPaths.Best, $"{path} is supported but the best path is {VectorPaths.Best}");
        }
    }
}
