using ScaleLab.Laws;

namespace ScaleLab.Tests.Laws;

/// <summary>The laws of the field: analytic Jacobians against central differences, prediction without a Jacobian, no allocation, registry names.</summary>
public class FieldLawJacobianTests
{
    public static TheoryData<string> Cases => new(FieldLawCases.Names);

    [Theory]
    [MemberData(nameof(Cases))]
    public void Jacobian_MatchesCentralDifferences(string name)
    {
        var (law, truth, data) = FieldLawCases.Case(name);
        LawJacobianTests.AssertJacobianMatchesCentralDifferences(name, law, law.FromNamed(truth), data);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Evaluate_WithoutJacobian_GivesTheSamePrediction(string name)
    {
        var (law, truth, data) = FieldLawCases.Case(name);
        LawJacobianTests.AssertSamePredictionWithoutJacobian(law, law.FromNamed(truth), data);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Evaluate_DoesNotAllocate(string name)
    {
        var (law, truth, data) = FieldLawCases.Case(name);
        var theta = law.FromNamed(truth);
        // Other tests fit the same law instances in parallel, so the runtime may move EvaluateLog to its optimised tier
        // while this thread measures, and that bookkeeping can allocate on the thread that crosses the call count. Cross it
        // here first and give the background compilation time to finish: what is measured is then the law's own code.
        var prediction = new double[data.Count];
        var jacobian = new double[law.Parameters.Count * data.Count];
        for (int k = 0; k < 100; k++)
        {
            law.EvaluateLog(theta, data, prediction, jacobian);
            law.EvaluateLog(theta, data, prediction, Span<double>.Empty);
        }
        Thread.Sleep(200);
        LawJacobianTests.AssertEvaluationDoesNotAllocate(law, theta, data);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Registry_NameRoundTrips_AndTheLawSaysWhatItIs(string name)
    {
        var law = LawRegistry.Get(name);
        Assert.Equal(name, law.Name);
        Assert.Equal(law.Parameters.Select(p => p.Name), LawRegistry.Get(law.Name).Parameters.Select(p => p.Name));
        Assert.Contains(law.Name, LawRegistry.Names);
        Assert.False(string.IsNullOrWhiteSpace(law.Formula));
        Assert.Matches(@"\d{4}", law.Reference);
        Assert.All(law.Variables, v => Assert.StartsWith(v.Symbol, law.DescribeVariable(v)));
        Assert.NotEmpty(law.DefaultStarts(FieldLawCases.Case(name).Data));
    }

    [Fact]
    public void Registry_NamesParametersAsThePapersDo()
    {
        Assert.Equal(["a", "b", "c", "d"], LawRegistry.Get("zhai").Parameters.Select(p => p.Name));
        Assert.Equal(["a", "b", "c", "d", "E_start", "E_max"], LawRegistry.Get("clark-routed").Parameters.Select(p => p.Name));
        Assert.Equal(["E", "N"], LawRegistry.Get("clark-routed").Variables.Select(v => v.Symbol).Order(StringComparer.Ordinal));
        Assert.Equal(["alpha", "beta", "b", "E"], LawRegistry.Get("gadre-overtraining").Parameters.Select(p => p.Name));
        Assert.Equal(["epsilon", "k", "gamma"], LawRegistry.Get("exp-error-link").Parameters.Select(p => p.Name));
        Assert.Equal(["L"], LawRegistry.Get("sigmoid-link").Variables.Select(v => v.Symbol));
        Assert.Equal(["k"], LawRegistry.Get("coverage").Variables.Select(v => v.Symbol));
        Assert.Equal(["N_e", "N_d"], LawRegistry.Get("ghorbani-nmt").Variables.Select(v => v.Symbol));
        Assert.Equal(["N_c", "alpha_N", "S_c", "alpha_S", "B_star", "alpha_B"], LawRegistry.Get("kaplan-steps").Parameters.Select(p => p.Name));
    }
}
