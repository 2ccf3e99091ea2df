using System.Globalization;
using ScaleLab.Data.Reading;

namespace ScaleLab.Tests.Data;

public class NumberCellTests
{
    [Fact]
    public void ShortDecimalFastPath_GivesWhatDoubleParseGives()
    {
        var random = new Random(7);
        string[] fixedCases = ["0", "-0", "+0.0", "1e9", "2E+10", "1.5E+22", "0.25", "1579500858.99", "123456789012345", "1234567890123456", ".5", "5.", "1e22", "1e23",
            "1e-22", "9e-23", "0e400", "-0.0e-5", "007", "3.14159265358979", "1e0", "0.000000000000001", "99999999999999.9"];
        var cases = fixedCases.Concat(Enumerable.Range(0, 200_000).Select(_ => Random(random)));
        foreach (var text in cases)
        {
            bool expectedOk = double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var expected);
            if (NumberCell.TryShortDecimal(text, out var fast))
            {
                Assert.True(expectedOk, text);
                Assert.Equal(BitConverter.DoubleToInt64Bits(expected), BitConverter.DoubleToInt64Bits(fast));
            }
            var outcome = NumberCell.Parse(text, out var parsed);
            if (expectedOk && double.IsFinite(expected))
            {
                Assert.Equal(NumberCell.Outcome.Number, outcome);
                Assert.Equal(BitConverter.DoubleToInt64Bits(expected), BitConverter.DoubleToInt64Bits(parsed));
            }
        }
    }

    private static string Random(Random random)
    {
        double x = Math.Exp(random.NextDouble() * 80 - 40) * (random.Next(4) == 0 ? -1 : 1);
        string[] formats = ["R", "G3", "G6", "G10", "G15", "G17", "E5", "F2", "F10", "0.################"];
        return x.ToString(formats[random.Next(formats.Length)], CultureInfo.InvariantCulture);
    }

    [Theory]
    [InlineData("1e9\0")]
    [InlineData("1,5")]
    [InlineData("1e")]
    [InlineData("e5")]
    [InlineData(".")]
    [InlineData("1.2.3")]
    [InlineData("١٢٣")]
    public void NotANumber_IsRefused(string text) => Assert.Equal(NumberCell.Outcome.NotANumber, NumberCell.Parse(text, out _));
}
