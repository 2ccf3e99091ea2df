namespace ScaleLab.Laws;

/// <summary>
/// The coefficients of the effective data transferred, D_T = K·D_F^Alpha·N^Beta (Hernandez et al. 2021,
/// arXiv:2102.01293, eq. 1.1), D_F in characters and N non-embedding parameters.
/// </summary>
/// <param name="K">Coefficient k.</param>
/// <param name="Alpha">Exponent of the fine-tuning data D_F.</param>
/// <param name="Beta">Exponent of the model size N.</param>
public sealed record TransferCoefficients(double K, double Alpha, double Beta)
{
    /// <summary>Pre-trained on English text, fine-tuned on Python (Table 1): k = 1.9e4, alpha = 0.18, beta = 0.38.</summary>
    public static TransferCoefficients TextToPython { get; } = new(1.9e4, 0.18, 0.38);

    /// <summary>Pre-trained on 50 % text and 50 % non-Python code, fine-tuned on Python (Table 1): k = 2.1e5, alpha = 0.096, beta = 0.38.</summary>
    public static TransferCoefficients MixedToPython { get; } = new(2.1e5, 0.096, 0.38);

    /// <summary>The effective data transferred, D_T = k·D_F^alpha·N^beta.</summary>
    public double Transferred(double parameters, double fineTuningData) => K * Math.Pow(fineTuningData, Alpha) * Math.Pow(parameters, Beta);

    /// <summary>
    /// The fine-tuning multiplier (D_F + D_T)/D_F: how many times more data a same-size model trained from scratch
    /// would need (eq. 1.2 writes its large-transfer limit k·N^beta/D_F^(1 − alpha)).
    /// </summary>
    public double Multiplier(double parameters, double fineTuningData) => (fineTuningData + Transferred(parameters, fineTuningData)) / fineTuningData;
}
