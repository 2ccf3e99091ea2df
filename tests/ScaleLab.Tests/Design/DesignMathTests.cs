using ScaleLab.Design;

namespace ScaleLab.Tests.Design;

public class DesignMathTests
{
    [Fact]
    public void Invert_SymmetricPositiveDefinite_GivesTheInverse()
    {
        double[] a = [4, 2, 0.6, 2, 5, 1, 0.6, 1, 3];
        var inverse = a.ToArray();
        Assert.True(DesignMath.InvertPositiveDefinite(inverse, 3));
        for (int i = 0; i < 3; i++)
        for (int j = 0; j < 3; j++)
        {
            double s = 0;
            for (int k = 0; k < 3; k++) s += a[i * 3 + k] * inverse[k * 3 + j];
            Assert.Equal(i == j ? 1 : 0, s, 12);
        }
    }

    [Fact]
    public void Invert_Indefinite_Fails()
    {
        double[] a = [1, 2, 2, 1];
        Assert.False(DesignMath.InvertPositiveDefinite(a, 2));
    }

    [Fact]
    public void Downdate_EqualsTheInverseOfTheInformationPlusTheObservation()
    {
        double[] fisher = [4, 2, 0.6, 2, 5, 1, 0.6, 1, 3];
        double[] j = [0.3, -1.2, 0.7];
        double v = 0.25;
        var sigma = fisher.ToArray();
        DesignMath.InvertPositiveDefinite(sigma, 3);
        var u = new double[3];
        double quadratic = DesignMath.Apply(sigma, j, u, 3);
        DesignMath.Downdate(sigma, u, v + quadratic, 3);
        var updated = fisher.Select((f, k) => f + j[k / 3] * j[k % 3] / v).ToArray();
        DesignMath.InvertPositiveDefinite(updated, 3);
        for (int k = 0; k < 9; k++) Assert.Equal(updated[k], sigma[k], 12);
    }
}
