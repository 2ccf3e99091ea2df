namespace ScaleLab.Tests.Store;

/// <summary>The tests that share one <see cref="PostgresServer"/>; they run one after another.</summary>
[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresServer>
{
    public const string Name = "postgres";
}
