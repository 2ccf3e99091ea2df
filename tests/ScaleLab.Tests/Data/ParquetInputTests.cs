using Parquet;
using Parquet.Schema;
using ScaleLab.Serialization;
using ScaleLab.Tests.Cli;

namespace ScaleLab.Tests.Data;

/// <summary>Parquet files as pandas and Polars write them: typed columns, nullable ones, a string column.</summary>
public class ParquetInputTests
{
    private static async Task Write(string path, double[] n, double?[] loss, string[] runs)
    {
        var nField = new DataField<double>("params");
        var dField = new DataField<long>("tokens");
        var lossField = new DataField<double?>("loss");
        var runField = new DataField<string>("run");
        var schema = new ParquetSchema(nField, dField, lossField, runField);
        await using var stream = File.Create(path);
        await using var writer = await ParquetWriter.CreateAsync(schema, stream);
        using var group = writer.CreateRowGroup();
        await group.WriteAsync<double>(nField, n);
        await group.WriteAsync<long>(dField, n.Select(_ => 10_000_000_000L).ToArray());
        await group.WriteAsync<double>(lossField, loss.AsMemory());
        await group.WriteAsync(runField, runs);
    }

    [Fact]
    public async Task Parquet_ReadsLikeTheSameCsv_AndMissingValuesFollowThePolicy()
    {
        using var dir = new TempDirectory();
        var path = dir.File("runs.parquet");
        double[] n = [1e8, 2e8, 4e8, 8e8, 1.6e9, 3.2e9];
        await Write(path, n, [3.1, 2.95, 2.82, 2.71, 2.61, 2.52], ["a", "b", "c", "d", "e", "f"]);
        var (code, output, error) = CliRunner.Run("fit", path, "--law", "kaplan-n", "--json");
        Assert.True(code == 0, error);
        var fromParquet = FitDocument.Parse(output, "stdout");
        var csv = dir.File("runs.csv", InputFeatureTests.Runs);
        var fromCsv = FitDocument.Parse(CliRunner.Run("fit", csv, "--law", "kaplan-n", "--json").Out, "stdout");
        Assert.Equal(fromCsv.Parameters, fromParquet.Parameters);

        var gaps = dir.File("gaps.parquet");
        await Write(gaps, n, [3.1, null, 2.82, 2.71, 2.61, 2.52], ["a", "b", "c", "d", "e", "f"]);
        var refused = CliRunner.Run("fit", gaps, "--law", "kaplan-n");
        Assert.Equal(2, refused.Code);
        Assert.Contains($"{gaps}, row 2, column 'loss': the cell is empty", refused.Error);
        var dropped = CliRunner.Run("fit", gaps, "--law", "kaplan-n", "--missing", "drop", "--json");
        Assert.Equal(5, FitDocument.Parse(dropped.Out, "stdout").Input.Rows);

        // Parquet on standard input, recognised by its magic bytes.
        var piped = CliRunner.RunWithInput(File.ReadAllBytes(path), "fit", "-", "--law", "kaplan-n", "--json");
        Assert.Equal(0, piped.Code);
        Assert.Equal(fromParquet.Parameters, FitDocument.Parse(piped.Out, "stdout").Parameters);
    }

    [Fact]
    public void TruncatedParquet_IsBadInput()
    {
        using var dir = new TempDirectory();
        var path = dir.File("cut.parquet");
        File.WriteAllBytes(path, "PAR1\u0015\u0004"u8.ToArray());
        var (code, _, error) = CliRunner.Run("fit", path);
        Assert.Equal(2, code);
        Assert.Contains($"{path}: is not a readable Parquet file", error);
    }
}
