using System.Globalization;
using ScaleLab.Data;
using ScaleLab.Diagnostics;

namespace ScaleLab.Tests.Data;

public class ObservationReaderTests
{
    private static ObservationSet Csv(string text, ColumnMapping? mapping = null) =>
        ObservationReader.ReadCsv(new StringReader(text), "runs.csv", mapping);

    private static InputDataException CsvFails(string text, ColumnMapping? mapping = null) =>
        Assert.Throws<InputDataException>(() => Csv(text, mapping));

    [Fact]
    public void ReadCsv_InvariantNumbers_ParseExactly()
    {
        var set = Csv("N,D,C,loss\n1e9,2E+10,1.5E+22,6795600349.289497\n");
        var o = Assert.Single(set.Observations);
        Assert.Equal(1e9, o.Parameters.Value);
        Assert.Equal(2e10, o.Tokens.Value);
        Assert.Equal(1.5e22, o.Compute.Value);
        Assert.Equal(6795600349.289497, o.Metric);
        Assert.Equal(1, o.Row);
        Assert.Null(o.Derived);
    }

    [Fact]
    public void ReadCsv_UnderCommaDecimalCulture_ParsesTheSameNumbers()
    {
        const string text = "params,tokens,loss\n1.5e9,2.5e10,2.75\n";
        var expected = Csv(text).Observations[0];
        var saved = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = CommaCulture();
            // The culture really is in effect: a culture-sensitive parse would read "2.75" as 275.
            Assert.Equal(275, double.Parse("2.75", CultureInfo.CurrentCulture));
            var german = Csv(text).Observations[0];
            Assert.Equal(expected.Parameters, german.Parameters);
            Assert.Equal(expected.Tokens, german.Tokens);
            Assert.Equal(2.75, german.Metric);
        }
        finally
        {
            CultureInfo.CurrentCulture = saved;
        }
    }

    /// <summary>de-DE where cultures are available; otherwise (invariant globalization) a clone with its number format.</summary>
    internal static CultureInfo CommaCulture()
    {
        try
        {
            var de = CultureInfo.GetCultureInfo("de-DE");
            if (de.NumberFormat.NumberDecimalSeparator == ",") return de;
        }
        catch (CultureNotFoundException)
        {
        }
        var culture = (CultureInfo)CultureInfo.InvariantCulture.Clone();
        culture.NumberFormat.NumberDecimalSeparator = ",";
        culture.NumberFormat.NumberGroupSeparator = ".";
        return culture;
    }

    [Fact]
    public void ReadCsv_Rfc4180Quoting_KeepsSeparatorsQuotesAndLineBreaks()
    {
        var set = Csv("run,N,D,loss,note\r\n\"a,1\",1e9,1e10,2.5,\"said \"\"hi\"\"\nthen left\"\r\n");
        var o = Assert.Single(set.Observations);
        Assert.Equal("a,1", o.RunId);
        Assert.Equal("said \"hi\"\nthen left", o.Tags["note"]);
    }

    [Fact]
    public void ReadCsv_ColumnNames_MatchIgnoringCaseSpacesUnderscoresAndHyphens()
    {
        var set = Csv(" MODEL-SIZE ,Training_Tokens,Val Loss,Seed,Step,Group\n1e9,1e10,2.5,42,100,iso-1e18\n");
        var o = set.Observations[0];
        Assert.Equal(1e9, o.Parameters.Value);
        Assert.Equal(1e10, o.Tokens.Value);
        Assert.Equal(2.5, o.Metric);
        Assert.Equal(42L, o.Seed);
        Assert.Equal(100.0, o.Step);
        Assert.Equal("iso-1e18", o.Group);
        Assert.Empty(o.Tags);
    }

    [Fact]
    public void ReadCsv_MissingCompute_DerivedAsSixND()
    {
        var set = Csv("N,D,loss\n1e9,2e10,2.5\n");
        Assert.Equal(1.2e20, set.Observations[0].Compute.Value, 1e6);
        Assert.Equal(ScaleVariable.Compute, set.Observations[0].Derived);
        Assert.Contains(set.Diagnostics, d => d.Severity == DiagnosticSeverity.Info && d.Message == "compute derived as 6ND for all rows");
    }

    [Fact]
    public void ReadCsv_MissingTokens_DerivedAsCOverSixN()
    {
        var set = Csv("N,C,loss\n1e9,6e19,2.5\n");
        Assert.Equal(1e10, set.Observations[0].Tokens.Value, 1e-3);
        Assert.Contains(set.Diagnostics, d => d.Message == "tokens derived as C/(6N) for all rows");
    }

    [Fact]
    public void ReadCsv_ExplicitMapping_OverridesRecognition()
    {
        var set = Csv("N,D,loss,C4 Eval Loss,train_tokens\n1e9,1e10,2.5,3.5,2e10\n", new ColumnMapping { Metric = "c4 eval loss", Tokens = "train_tokens" });
        Assert.Equal("C4 Eval Loss", set.MetricName);
        Assert.Equal(3.5, set.Observations[0].Metric);
        Assert.Equal(2e10, set.Observations[0].Tokens.Value);
        Assert.Equal("2.5", set.Observations[0].Tags["loss"]);
        Assert.Equal("1e10", set.Observations[0].Tags["D"]);
    }

    [Fact]
    public void ReadCsv_DuplicatedRows_KeptWithWarningListingRows()
    {
        var set = Csv("run,N,D,loss\na,1e9,1e10,2.5\nb,2e9,1e10,2.4\nc,1e9,1e10,2.5\nb,3e9,1e10,2.3\n");
        Assert.Equal(4, set.Count);
        var warning = Assert.Single(set.Diagnostics, d => d.Code == "duplicate-rows");
        Assert.Equal(DiagnosticSeverity.Warning, warning.Severity);
        Assert.Contains("rows 1, 3 (same N, D, C and loss)", warning.Message);
        Assert.Contains("rows 2, 4 (same run id 'b')", warning.Message);
    }

    [Fact]
    public void RoleAndVariableLists_CoverEveryEnumValue()
    {
        // The reader and the numeric view spell these out instead of asking Enum.GetValues at start-up.
        Assert.Equal(Enum.GetValues<ColumnRole>(), ColumnAliases.AllRoles);
        foreach (var role in Enum.GetValues<ColumnRole>()) Assert.NotEmpty(ColumnAliases.Names(role));
        var data = ScalingData.From([Observation.FromParametersAndTokens(1e9, 2e10, 2.5)]);
        foreach (var variable in ScaleVariable.WellKnown) Assert.Equal(1, data.Values(variable).Length);
    }

    [Fact]
    public void ReadCsv_DuplicatedRows_ComparedByValueInOrderOfFirstAppearance()
    {
        var set = Csv("run,step,N,D,error\nx,1,2e9,1e10,0.5\ny,1,1e9,1e10,0\nz,1,1000000000,1E10,-0\nx,1,2000000000,1e10,0.5\ny,2,3e9,1e10,1\n");
        var warning = Assert.Single(set.Diagnostics, d => d.Code == "duplicate-rows");
        Assert.Equal("3 group(s) of duplicated rows, kept: rows 1, 4 (same N, D, C and error); rows 2, 3 (same N, D, C and error); " +
            "rows 1, 4 (same run id 'x' at step 1)", warning.Message);
    }

    [Fact]
    public void ReadCsv_SameRunAtDifferentSteps_IsNotADuplicate()
    {
        var set = Csv("run,step,N,D,loss\na,1,1e9,1e9,3.5\na,2,1e9,2e9,3.0\n");
        Assert.DoesNotContain(set.Diagnostics, d => d.Code == "duplicate-rows");
    }

    [Fact]
    public void ReadCsv_MetricMayBeZeroOrNegative()
    {
        var set = Csv("N,D,error\n1e9,1e10,0\n2e9,1e10,-0.5\n");
        Assert.Equal([0.0, -0.5], set.Observations.Select(o => o.Metric));
        Assert.Equal("error", set.MetricName);
    }

    [Theory]
    [InlineData("N,D,loss\n1e9,abc,2.5\n", 1, "D", "'abc' is not a number")]
    [InlineData("N,D,loss\n1e9,1e10,2.5\n1,5e9,1e10,2.5\n", 2, null, "has 4 fields but the header has 3")]
    [InlineData("N,D,loss\n1e9,1e10,2.5\nNaN,1e10,2.5\n", 2, "N", "'NaN' is not allowed")]
    [InlineData("N,D,loss\n1e9,Infinity,2.5\n", 1, "D", "infinite")]
    [InlineData("N,D,loss\n0,1e10,2.5\n", 1, "N", "0 is not a positive number (parameters N must be > 0)")]
    [InlineData("N,D,loss\n1e9,-3,2.5\n", 1, "D", "-3 is not a positive number (tokens D must be > 0)")]
    [InlineData("N,D,loss\n1e9,1e10,NaN\n", 1, "loss", "'NaN' is not allowed")]
    [InlineData("N,D,loss\n1e9,1e10,-Infinity\n", 1, "loss", "infinite")]
    [InlineData("N,D,loss\n1e9,1e10,\n", 1, "loss", "the cell is empty")]
    [InlineData("N,D,loss\n1e9,1e10,\"2,5\"\n", 1, "loss", "'2,5' is not a number")]
    [InlineData("N,D,loss,seed\n1e9,1e10,2.5,x1\n", 1, "seed", "not an integer seed")]
    [InlineData("N,D,loss\n1e9,1e10,\"2.5\n", 1, null, "quoted field is not closed")]
    public void ReadCsv_BadCell_NamesRowAndColumn(string text, int row, string? column, string reason)
    {
        var ex = CsvFails(text);
        Assert.Equal("runs.csv", ex.SourceName);
        Assert.Equal(row, ex.Row);
        Assert.Equal(column, ex.Column);
        Assert.Contains(reason, ex.Reason);
        Assert.StartsWith($"runs.csv, row {row}", ex.Message);
    }

    [Fact]
    public void ReadCsv_ByteOrderMarkInHeader_IsIgnored() =>
        Assert.Equal(1e9, Csv("\uFEFFN,D,loss\n1e9,1e10,2.5\n").Observations[0].Parameters.Value);

    [Fact]
    public void ReadJson_NumberBeyondDoubleRange_IsInfiniteAndRejected()
    {
        var ex = Assert.Throws<InputDataException>(() => ObservationReader.ReadJson(new StringReader("[{\"N\": 1e400, \"D\": 1e10, \"loss\": 2.5}]"), "r.json"));
        Assert.Equal("N", ex.Column);
        Assert.Contains("infinite", ex.Reason);
    }

    [Fact]
    public void ReadCsv_EmptyFile_Fails()
    {
        Assert.Contains("the file is empty", CsvFails("").Message);
        Assert.Contains("the file is empty", CsvFails("\n\n").Message);
    }

    [Fact]
    public void ReadCsv_HeaderOnly_Fails() => Assert.Contains("no data rows", CsvFails("N,D,loss\n").Message);

    [Fact]
    public void ReadCsv_NoMetric_ListsAliasesAndOption()
    {
        var ex = CsvFails("N,D,perplexity\n1e9,1e10,12\n");
        Assert.Contains("no metric column (looked for 'loss', 'val_loss', 'validation_loss', 'eval_loss', 'test_loss', 'test_cross_entropy', 'error')", ex.Message);
        Assert.Contains("--metric", ex.Message);
    }

    [Fact]
    public void ReadCsv_MisspelledColumnRequiredByLaw_SuggestsClosestName()
    {
        var ex = CsvFails("N,tokns,loss\n1e9,1e10,2.5\n", new ColumnMapping { Require = [ScaleVariable.Parameters, ScaleVariable.Tokens] });
        Assert.Contains("no tokens D column (looked for 'D', 'tokens'", ex.Message);
        Assert.Contains("column 'tokns' is close: did you mean 'tokens'?", ex.Message);
        Assert.Contains("--tokens", ex.Message);
    }

    [Fact]
    public void ReadCsv_MisspelledColumnNotRequired_LoadsWithNote()
    {
        var set = Csv("N,tokns,loss\n1e9,1e10,2.5\n");
        Assert.Equal([ScaleVariable.Parameters], set.PresentVariables);
        Assert.Contains(set.Diagnostics, d => d.Code == "possible-misspelling" && d.Message.Contains("'tokns'") && d.Message.Contains("'tokens'"));
    }

    [Fact]
    public void ReadCsv_MappingToMissingColumn_SuggestsClosestName()
    {
        var ex = CsvFails("N,tokens,loss\n1e9,1e10,2.5\n", new ColumnMapping { Tokens = "tokns" });
        Assert.Equal("tokns", ex.Column);
        Assert.Contains("no such column (named for tokens D); did you mean 'tokens'?", ex.Message);
    }

    [Fact]
    public void ReadCsv_NoScaleColumn_ListsEveryAlias()
    {
        var ex = CsvFails("width,loss\n128,2.5\n");
        Assert.Contains("no scale column", ex.Message);
        Assert.Contains("'Model Size'", ex.Message);
        Assert.Contains("'dataset_size'", ex.Message);
        Assert.Contains("'Training FLOP'", ex.Message);
    }

    [Fact]
    public void ReadCsv_TwoColumnsForOneRole_IsAmbiguous()
    {
        var ex = CsvFails("N,D,loss,val_loss\n1e9,1e10,2.5,2.6\n");
        Assert.Contains("columns 'loss' and 'val_loss' both look like the metric; choose one with --metric", ex.Message);
        // Naming one resolves it.
        Assert.Equal(2.6, Csv("N,D,loss,val_loss\n1e9,1e10,2.5,2.6\n", new ColumnMapping { Metric = "val_loss" }).Observations[0].Metric);
    }

    [Fact]
    public void ReadCsv_OnlyExactAliasesCount()
    {
        var set = Csv("N,N_no_emb,D,C,C_6ND,loss,C4 Eval Loss\n1e8,5e7,1e9,7e17,6e17,3.1,3.2\n");
        var o = set.Observations[0];
        Assert.Equal(7e17, o.Compute.Value);
        Assert.Equal(5e7, o.NonEmbeddingParameters!.Value.Value);
        Assert.Equal(3.1, o.Metric);
        Assert.Equal("6e17", o.Tags["C_6ND"]);
    }

    [Fact]
    public void ReadCsv_DuplicateHeaderName_Fails()
    {
        var ex = CsvFails("N,D,loss,Loss\n1e9,1e10,2.5,2.6\n");
        Assert.Equal("Loss", ex.Column);
        Assert.Contains("appears twice", ex.Message);
    }

    [Fact]
    public void ReadJson_ArrayAndRunsObject_AreEquivalent()
    {
        const string array = """[{"params": 1e9, "tokens": "2e10", "loss": 2.5, "run": "a"}, {"params": 2e9, "tokens": 2e10, "loss": 2.4, "run": null}]""";
        const string wrapped = """{"schema": "x", "runs": [{"params": 1e9, "tokens": "2e10", "loss": 2.5, "run": "a"}, {"params": 2e9, "tokens": 2e10, "loss": 2.4}]}""";
        var a = ObservationReader.ReadJson(new StringReader(array), "a.json");
        var b = ObservationReader.ReadJson(new StringReader(wrapped), "b.json");
        Assert.Equal(2, a.Count);
        Assert.Equal(a.Observations.Select(o => (o.Parameters, o.Tokens, o.Metric)), b.Observations.Select(o => (o.Parameters, o.Tokens, o.Metric)));
        Assert.Equal("a", a.Observations[0].RunId);
        Assert.Null(a.Observations[1].RunId);
        Assert.Equal(2, b.Observations[1].Row);
    }

    [Fact]
    public void ReadJson_BadValue_NamesRowAndColumn()
    {
        var ex = Assert.Throws<InputDataException>(() =>
            ObservationReader.ReadJson(new StringReader("""{"rows": [{"N": 1e9, "D": 1e10, "loss": 2.5}, {"N": 1e9, "D": true, "loss": 2.5}]}"""), "r.json"));
        Assert.Equal(2, ex.Row);
        Assert.Equal("D", ex.Column);
    }

    [Theory]
    [InlineData("", "the file is empty")]
    [InlineData("[]", "no data rows")]
    [InlineData("{\"N\": 1}", "expected a JSON array of objects")]
    [InlineData("[{\"N\": 1e9, \"D\": 1e10, \"loss\": 2.5}, 3]", "expected an object")]
    [InlineData("[{\"N\": 1e9,, }]", "not valid JSON")]
    public void ReadJson_Malformed_Fails(string text, string reason)
    {
        var ex = Assert.Throws<InputDataException>(() => ObservationReader.ReadJson(new StringReader(text), "r.json"));
        Assert.Contains(reason, ex.Message);
        Assert.StartsWith("r.json", ex.Message);
    }

    [Fact]
    public void ReadJsonLines_ReadsOneObjectPerLine()
    {
        var set = ObservationReader.ReadJsonLines(new StringReader("{\"N\": 1e9, \"C\": 6e19, \"val_loss\": 2.5}\n\n{\"N\": 2e9, \"C\": 1.2e20, \"val_loss\": 2.4}\n"), "r.jsonl");
        Assert.Equal(2, set.Count);
        Assert.Equal(1e10, set.Observations[1].Tokens.Value, 1e-3);
        var ex = Assert.Throws<InputDataException>(() =>
            ObservationReader.ReadJsonLines(new StringReader("{\"N\": 1e9, \"C\": 6e19, \"val_loss\": 2.5}\n{\"N\": 2e9, \"C\": oops}\n"), "r.jsonl"));
        Assert.Equal(2, ex.Row);
    }

    [Fact]
    public void Read_ChoosesFormatByExtension_AndReportsMissingFile()
    {
        var dir = Directory.CreateTempSubdirectory("scalelab-reader-");
        try
        {
            var csv = Path.Combine(dir.FullName, "runs.csv");
            var json = Path.Combine(dir.FullName, "runs.json");
            var jsonl = Path.Combine(dir.FullName, "runs.jsonl");
            File.WriteAllText(csv, "N,D,loss\n1e9,1e10,2.5\n");
            File.WriteAllText(json, """[{"N": 1e9, "D": 1e10, "loss": 2.5}]""");
            File.WriteAllText(jsonl, """{"N": 1e9, "D": 1e10, "loss": 2.5}""" + "\n");
            var tsv = Path.Combine(dir.FullName, "runs.tsv");
            var jsonText = Path.Combine(dir.FullName, "runs-json.txt");
            var jsonLinesText = Path.Combine(dir.FullName, "runs-jsonl.txt");
            var csvText = Path.Combine(dir.FullName, "runs.txt");
            File.WriteAllText(tsv, "N\tD\tloss\n1e9\t1e10\t2.5\n");
            File.WriteAllText(jsonText, "{\n\"runs\": [{\"N\": 1e9, \"D\": 1e10, \"loss\": 2.5}]\n}");
            File.WriteAllText(jsonLinesText, "{\"N\": 1e9, \"D\": 1e10, \"loss\": 2.5}\n");
            File.WriteAllText(csvText, "\uFEFFN,D,loss\n1e9,1e10,2.5\n");
            foreach (var path in new[] { csv, json, jsonl, tsv, jsonText, jsonLinesText, csvText })
            {
                var set = ObservationReader.Read(path);
                Assert.Equal(path, set.Source);
                Assert.Equal(1e9, set.Observations[0].Parameters.Value);
            }
            var missing = Path.Combine(dir.FullName, "nope.csv");
            var ex = Assert.Throws<InputDataException>(() => ObservationReader.Read(missing));
            Assert.Equal($"{missing}: file not found", ex.Message);
        }
        finally
        {
            dir.Delete(true);
        }
    }

    [Fact]
    public void DropHighest_RemovesTheHighestMetricsAndSaysWhich()
    {
        var set = Csv("N,D,loss\n1e9,1e10,2.5\n2e9,1e10,4.0\n3e9,1e10,2.0\n4e9,1e10,3.0\n");
        var kept = set.DropHighest(2);
        Assert.Equal([2.5, 2.0], kept.Observations.Select(o => o.Metric));
        Assert.Contains(kept.Diagnostics, d => d.Code == "dropped-highest" && d.Message.Contains("rows 2, 4"));
    }

    [Fact]
    public void DropHighest_TiesGoInRowOrder_AndAllRowsCanGo()
    {
        var set = Csv("N,D,loss\n1e9,1e10,3.0\n2e9,1e10,4.0\n3e9,1e10,3.0\n4e9,1e10,3.0\n");
        var kept = set.DropHighest(3);
        Assert.Equal([4e9], kept.Observations.Select(o => o.Parameters.Value));
        Assert.Contains(kept.Diagnostics, d => d.Code == "dropped-highest" && d.Message == "dropped the 3 rows of highest loss: rows 1, 2, 3");
        Assert.Equal(set.PresentVariables, kept.PresentVariables);
        var none = set.DropHighest(9);
        Assert.Equal(0, none.Count);
        Assert.Contains(none.Diagnostics, d => d.Code == "dropped-highest" && d.Message == "dropped the 4 rows of highest loss: rows 1, 2, 3, 4");
    }
}
