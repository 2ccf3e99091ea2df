using ScaleLab.Data;
using ScaleLab.Tests.Support;

namespace ScaleLab.Tests.Data;

/// <summary>Every public dataset in ../shared/datasets loads, with a mapping where its columns need one.</summary>
public class ObservationReaderDatasetTests
{
    [SkippableFact]
    public void Read_EpochChinchilla_Loads245RowsWithTokensDerived()
    {
        var path = SharedData.File("epoch-chinchilla/svg_extracted_data.csv");
        Skip.If(path is null, SharedData.Missing);
        var set = ObservationReader.Read(path!);
        Assert.Equal(245, set.Count);
        Assert.Equal("loss", set.MetricName);
        var first = set.Observations[0];
        // First data row of the file: Model Size 6795600349.289497, Training FLOP 9.993852799709755e+18, loss 5.005581996196243.
        Assert.Equal(6795600349.289497, first.Parameters.Value);
        Assert.Equal(9.993852799709755e+18, first.Compute.Value);
        Assert.Equal(9.993852799709755e+18 / (6 * 6795600349.289497), first.Tokens.Value, 1e-9 * first.Tokens.Value);
        Assert.Equal(5.005581996196243, first.Metric);
        Assert.Equal(ScaleVariable.Tokens, first.Derived);
        Assert.Equal("#faebdd", first.Tags["color"]);
        Assert.Contains(set.Diagnostics, d => d.Code == "derived-tokens" && d.Message == "tokens derived as C/(6N) for all rows");
    }

    [SkippableFact]
    public void Read_Llama3IsoFlops_DerivesParameters()
    {
        var path = SharedData.File("llama3-isoflops/isoflops_points.csv");
        Skip.If(path is null, SharedData.Missing);
        var set = ObservationReader.Read(path!);
        Assert.Equal(133, set.Count);
        Assert.Equal("validation_loss", set.MetricName);
        var first = set.Observations[0];
        Assert.Equal(ScaleVariable.Parameters, first.Derived);
        Assert.Equal(6e18 / (6 * 1579500858.99), first.Parameters.Value, 1e-9 * first.Parameters.Value);
        Assert.Contains(set.Diagnostics, d => d.Code == "derived-parameters");
    }

    [SkippableTheory]
    [InlineData("datablations/c4_runs_fit182.csv", 182)]
    [InlineData("datablations/c4_runs_all296.csv", 296)]
    public void Read_Datablations_KeepsUniqueTokensAndEpochs(string file, int rows)
    {
        var path = SharedData.File(file);
        Skip.If(path is null, SharedData.Missing);
        var set = ObservationReader.Read(path!);
        Assert.Equal(rows, set.Count);
        Assert.Equal("val_loss", set.MetricName);
        Assert.Contains(ScaleVariable.UniqueTokens, set.PresentVariables);
        Assert.All(set.Observations, o =>
        {
            Assert.NotNull(o.UniqueTokens);
            Assert.Equal(o.Tokens.Value / o.UniqueTokens!.Value.Value, o.Epochs!.Value, 1e-12);
            Assert.Equal(ScaleVariable.Compute, o.Derived);
        });
    }

    [SkippableFact]
    public void Read_Bnsl_LoadsAsSingleVariableLearningCurve()
    {
        var path = SharedData.File("bnsl-4digit-addition/four_digit_addition.csv");
        Skip.If(path is null, SharedData.Missing);
        var set = ObservationReader.Read(path!);
        Assert.Equal(17, set.Count);
        Assert.Equal("test_cross_entropy", set.MetricName);
        Assert.Equal([ScaleVariable.Tokens], set.PresentVariables);
        Assert.Equal(160, set.Observations[0].Tokens.Value);
        Assert.Equal(2.13809046, set.Observations[0].Metric);
        Assert.Equal("fit", set.Observations[0].Tags["split"]);
        Assert.Contains(set.Diagnostics, d => d.Code == "single-scale-variable");
    }

    [SkippableFact]
    public void Read_Bnsl_RequiringParameters_NamesTheAliasesLookedFor()
    {
        var path = SharedData.File("bnsl-4digit-addition/four_digit_addition.csv");
        Skip.If(path is null, SharedData.Missing);
        var ex = Assert.Throws<InputDataException>(() =>
            ObservationReader.Read(path!, new ColumnMapping { Require = [ScaleVariable.Parameters, ScaleVariable.Tokens] }));
        Assert.Contains("no parameters N column", ex.Message);
        Assert.Contains("'n_params'", ex.Message);
        Assert.Contains("--params", ex.Message);
    }

    [SkippableTheory]
    [InlineData("misfitting/scaling_results_last_ckpt_only.csv", 261)]
    [InlineData("misfitting/scaling_results.csv", 4852)]
    public void Read_Misfitting_KeepsNonEmbeddingParametersAndGivenCompute(string file, int rows)
    {
        var path = SharedData.File(file);
        Skip.If(path is null, SharedData.Missing);
        var set = ObservationReader.Read(path!);
        Assert.Equal(rows, set.Count);
        Assert.Equal("loss", set.MetricName);
        var first = set.Observations[0];
        Assert.Null(first.Derived);
        Assert.NotNull(first.NonEmbeddingParameters);
        Assert.True(first.NonEmbeddingParameters!.Value.Value < first.Parameters.Value);
        // C is the file's own column, not 6ND (which is C_6ND and stays a tag).
        Assert.Equal(double.Parse(first.Tags["C_6ND"], System.Globalization.CultureInfo.InvariantCulture), 6 * first.Parameters.Value * first.Tokens.Value, 1e-6 * first.Compute.Value);
        Assert.True(first.Tags.ContainsKey("C4 Eval Loss"));
    }

    [SkippableFact]
    public void Read_MisfittingWithMetricMapping_UsesTheNamedColumn()
    {
        var path = SharedData.File("misfitting/scaling_results_last_ckpt_only.csv");
        Skip.If(path is null, SharedData.Missing);
        var set = ObservationReader.Read(path!, new ColumnMapping { Metric = "C4 Eval Loss" });
        Assert.Equal("C4 Eval Loss", set.MetricName);
        Assert.True(set.Observations[0].Tags.ContainsKey("loss"));
    }

    [SkippableTheory]
    [InlineData("olmo-ladder/ladder_final.csv", 25)]
    [InlineData("olmo-ladder/ladder_curves.csv", 3243)]
    public void Read_OlmoLadder_WithMetricAndParamsMapping(string file, int rows)
    {
        var path = SharedData.File(file);
        Skip.If(path is null, SharedData.Missing);
        var set = ObservationReader.Read(path!, new ColumnMapping { Metric = "c4_en_ce", Parameters = "n_params" });
        Assert.Equal(rows, set.Count);
        Assert.Equal("c4_en_ce", set.MetricName);
        Assert.Equal(190354176, set.Observations[0].Parameters.Value);
        Assert.NotNull(set.Observations[0].Step);
        Assert.Equal(ScaleVariable.Compute, set.Observations[0].Derived);
    }

    [SkippableFact]
    public void Read_OlmoLadderWithoutMetric_SaysWhichNamesWereTried()
    {
        var path = SharedData.File("olmo-ladder/ladder_final.csv");
        Skip.If(path is null, SharedData.Missing);
        var ex = Assert.Throws<InputDataException>(() => ObservationReader.Read(path!));
        Assert.Contains("no metric column", ex.Message);
        Assert.Contains("'val_loss'", ex.Message);
        Assert.Contains("--metric", ex.Message);
        Assert.Contains("c4_en_ce", ex.Message);
    }

    [SkippableTheory]
    [InlineData("chinchilla-takano-subset/df.csv", 234)]
    [InlineData("isoflops-openathena/extract_epochai_chinchilla.csv", 123)]
    [InlineData("isoflops-openathena/extract_llama_3.csv", 266)]
    [InlineData("isoflops-openathena/extract_marin_202603.csv", 258)]
    [InlineData("isoflops-openathena/extract_misfitting.csv", 176)]
    [InlineData("isoflops-openathena/extract_ml_scalefit.csv", 124)]
    [InlineData("isoflops-openathena/transform_isoflops.csv", 947)]
    public void Read_FilesWithNDAndC_LoadWithoutDerivation(string file, int rows)
    {
        var path = SharedData.File(file);
        Skip.If(path is null, SharedData.Missing);
        var set = ObservationReader.Read(path!);
        Assert.Equal(rows, set.Count);
        Assert.Equal("loss", set.MetricName);
        Assert.All(set.Observations, o => Assert.Null(o.Derived));
    }

    [SkippableFact]
    public void Read_RevisitingLanguage_WithTokensMapping()
    {
        var path = SharedData.File("revisiting-nsl-lang/benchmark_lang_subset.csv");
        Skip.If(path is null, SharedData.Missing);
        var set = ObservationReader.Read(path!, new ColumnMapping { Tokens = "Seen Examples" });
        Assert.Equal(163, set.Count);
        Assert.Equal("Loss", set.MetricName);
        Assert.Equal([ScaleVariable.Tokens], set.PresentVariables);
        // Quoted field with a comma inside: "6 Enc, 6 Dec".
        Assert.Equal("6 Enc, 6 Dec", set.Observations[0].Tags["Model"]);
        Assert.Equal(500000.0, set.Observations[0].Tokens.Value);
    }
}
