using System.Globalization;
using ScaleLab.Data;
using ScaleLab.Numerics;
using ScaleLab.Diagnostics;
using ScaleLab.Fitting;

namespace ScaleLab.Laws;

/// <summary>
/// The fitting procedure of Hernandez et al. 2021 ("Scaling Laws for Transfer", arXiv:2102.01293, §§2–3): fit the
/// from-scratch L(N, D) (Kaplan et al.'s form); for each fine-tuned run find the from-scratch data D_E with the same
/// loss at its size, so D_T = D_E − D_F; at each fine-tuning size D_F fit logit(D_T/D_E) = ln(D_T/D_F) as a straight
/// line in ln N, whose slope is beta; then fit the fits: the intercepts are ln k + (alpha − 1)·ln D_F, a line in ln D_F.
/// </summary>
public static class HernandezTransfer
{
    /// <summary>
    /// The from-scratch data D_E at which Kaplan et al.'s law reaches <paramref name="loss"/> at size
    /// <paramref name="parameters"/>: D_E = D_c / (L^(1/alpha_D) − (N_c/N)^(alpha_N/alpha_D)); +∞ when the loss is at or
    /// below the law's infinite-data loss at that size.
    /// </summary>
    public static double EffectiveData(IReadOnlyDictionary<string, double> kaplan, double parameters, double loss)
    {
        double alphaN = kaplan["alpha_N"], alphaD = kaplan["alpha_D"];
        double rest = Math.Pow(loss, 1 / alphaD) - Math.Pow(kaplan["N_c"] / parameters, alphaN / alphaD);
        return rest > 0 ? kaplan["D_c"] / rest : double.PositiveInfinity;
    }

    /// <summary>
    /// Runs the procedure on from-scratch runs <paramref name="scratch"/> and fine-tuned runs <paramref name="fineTuned"/>
    /// (both with N and D; D of a fine-tuned run is its fine-tuning data D_F).
    /// </summary>
    /// <exception cref="ArgumentException">Fewer than two fine-tuning sizes with runs at two or more model sizes each.</exception>
    public static TransferFit Fit(ScalingData scratch, ScalingData fineTuned, FitOptions? scratchOptions = null, CancellationToken cancellationToken = default)
    {
        var scratchFit = Fitter.Fit(KaplanLaw.Instance, scratch, scratchOptions ?? new FitOptions { Objective = FitObjective.SquaredLog }, null, cancellationToken);
        var kaplan = scratchFit.Parameters;
        var n = fineTuned.Values(ScaleVariable.Parameters);
        var d = fineTuned.Values(ScaleVariable.Tokens);
        var transferred = new List<(double, double, double)>();
        var diagnostics = new List<Diagnostic>();
        for (int i = 0; i < fineTuned.Count; i++)
        {
            double effective = EffectiveData(kaplan, n[i], fineTuned.Y[i]), dt = effective - d[i];
            if (double.IsFinite(effective) && dt > 0) { transferred.Add((n[i], d[i], dt)); continue; }
            var why = double.IsFinite(effective) ? "it is no better than training from scratch (ossification)" : "its loss is below the from-scratch law's limit at its size";
            diagnostics.Add(Diagnostic.Info("no-transfer", string.Create(CultureInfo.InvariantCulture,
                $"fine-tuned run {i + 1} (N = {n[i]:G4}, D_F = {d[i]:G4}, L = {fineTuned.Y[i]:G5}) left out: {why}")));
        }
        var perData = new List<(double, double, double, int)>();
        foreach (var group in transferred.GroupBy(t => t.Item2).OrderBy(g => g.Key))
        {
            var runs = group.ToArray();
            if (runs.Select(r => r.Item1).Distinct().Count() < 2) continue;
            var logN = runs.Select(r => Math.Log(r.Item1)).ToArray();
            var logit = runs.Select(r => Math.Log(r.Item3 / r.Item2)).ToArray();
            var (slope, intercept, _, _, _) = LinearFit.Of(logN, logit);
            perData.Add((group.Key, intercept, slope, runs.Length));
        }
        if (perData.Count < 2)
        {
            throw new ArgumentException($"the procedure needs at least two fine-tuning sizes with runs at two or more model sizes each; found {perData.Count}");
        }
        double beta = perData.Average(f => f.Item3);
        var (alphaMinusOne, logK, _, _, _) = LinearFit.Of(perData.Select(f => Math.Log(f.Item1)).ToArray(), perData.Select(f => f.Item2).ToArray());
        return new TransferFit
        {
            Scratch = scratchFit,
            Coefficients = new TransferCoefficients(Math.Exp(logK), alphaMinusOne + 1, beta),
            Transferred = transferred,
            PerDataFits = perData,
            Diagnostics = diagnostics,
        };
    }
}
