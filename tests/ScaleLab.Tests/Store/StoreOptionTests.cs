using ScaleLab.Cli;
using ScaleLab.Store.Postgres;
using ScaleLab.Tests.Cli;
using ScaleLab.Tests.Support;

namespace ScaleLab.Tests.Store;

public sealed class StoreOptionTests
{
    [Theory]
    [InlineData("scalelab.db", false)]
    [InlineData("runs/a=b.db", false)]
    [InlineData("Host=db;Database=scaling;Username=me", true)]
    [InlineData("server=10.0.0.2;database=x", true)]
    [InlineData("Database=x;Username=me", false)]
    public void ALocation_IsAConnectionStringOnlyWhenItNamesAHost(string location, bool connection) =>
        Assert.Equal(connection, StoreLocation.IsConnectionString(location));

    [Fact]
    public void AServerThatCannotBeReached_IsOneLineWithoutThePassword_Exit2()
    {
        var (code, _, error) = CliRunner.Run("store", "copy", "Host=127.0.0.1;Port=1;Username=me;Password=secret;Database=x;Timeout=2", "/tmp/never.db");
        Assert.Equal(Program.BadInput, code);
        Assert.StartsWith("error: store Host=127.0.0.1;Port=1;Username=me;Database=x;Timeout=2: ", error);
        Assert.DoesNotContain("secret", error);
        Assert.Single(error.Trim().Split('\n'));
    }

    [Fact]
    public void AFileThatIsNotAStore_IsOneLine_Exit2_AndLeftUnchanged()
    {
        using var file = new TempFile(".db");
        File.WriteAllText(file.Path, "name,loss\nnot a database at all, 1\n");
        using var target = new TempFile(".db");
        var (code, _, error) = CliRunner.Run("store", "copy", file.Path, target.Path);
        Assert.Equal(Program.BadInput, code);
        Assert.StartsWith($"error: store {file.Path}: ", error);
        Assert.Single(error.Trim().Split('\n'));
        Assert.Equal("name,loss\nnot a database at all, 1\n", File.ReadAllText(file.Path));
    }
}
