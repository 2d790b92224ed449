namespace NotesGuard.Conversations.Tests.State.Servers;

/// <summary>One PostgreSQL cluster for every test class that needs it, started once and stopped at the end.</summary>
[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresServer>
{
    public const string Name = "PostgreSQL";
}
