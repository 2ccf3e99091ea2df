using ScaleLab.Store;
using static ScaleLab.Tests.Store.StoreSamples;

namespace ScaleLab.Tests.Store;

public sealed class RunTagsTests
{
    [Fact]
    public void Tags_CompareByValue_RejectRepeatedNames_AndReadNumbersInvariantly()
    {
        Assert.Equal(Tags(("lr", "3e-4"), ("bs", "64")), Tags(("bs", "64"), ("lr", "3e-4")));
        Assert.NotEqual(Tags(("lr", "3e-4")), Tags(("lr", "3e-3")));
        Assert.Equal(Tags(("lr", "3e-4")).GetHashCode(), Tags(("lr", "3e-4")).GetHashCode());
        Assert.Contains("twice", Assert.Throws<ArgumentException>(() => Tags(("lr", "1"), ("lr", "2"))).Message);
        Assert.Throws<ArgumentException>(() => Tags(("", "1")));
        Assert.Equal(3e-4, RunTags.Number("3e-4"));
        Assert.Null(RunTags.Number("adam"));
        Assert.Null(RunTags.Number("NaN"));
        Assert.Null(RunTags.Number("1,5"));
    }

    [Fact]
    public void Observations_CarryTheRunsTags_AndTheStoresOwnColumnsWinAClash()
    {
        var run = Finished("s", "k", 2.0, T0, Tags(("lr", "3e-4"), ("study", "not this")));
        var o = Assert.Single(RunObservations.From([run], "test").Observations);
        Assert.Equal("3e-4", o.Tags["lr"]);
        Assert.Equal("s", o.Tags["study"]);
    }
}
