namespace NotesGuard.Conversations.Tests.State.Servers;

/// <summary>One Azurite for every test class that needs it, started once and stopped at the end.</summary>
[CollectionDefinition(Name)]
public sealed class AzuriteCollection : ICollectionFixture<AzuriteServer>
{
    public const string Name = "Azurite";
}
