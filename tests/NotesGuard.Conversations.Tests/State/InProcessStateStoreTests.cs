using NotesGuard.Conversations.State;

namespace NotesGuard.Conversations.Tests.State;

/// <summary>
/// The store contract on the terminal's in-process store. Every "instance" of a test shares the one store, as the
/// instances of the other providers share their database.
/// </summary>
public sealed class InProcessStateStoreTests : StateStoreContract
{
    private InProcessStateStore? _store;

    protected override Task PrepareStorageAsync() => Task.CompletedTask;

    protected override IStateStore OpenStore(TimeProvider clock) => _store ??= new InProcessStateStore(clock);

    protected override Task CleanUpStorageAsync() => Task.CompletedTask;
}
