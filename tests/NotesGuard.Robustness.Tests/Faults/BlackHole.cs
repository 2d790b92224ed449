using System.Net;
using System.Net.Sockets;

namespace NotesGuard.Robustness.Tests.Faults;

/// <summary>A loopback server that accepts connections and never answers: a connector or API that hangs.</summary>
internal sealed class BlackHole : IDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly List<TcpClient> _held = [];
    private readonly CancellationTokenSource _stop = new();
    private int _connections;

    public BlackHole()
    {
        _listener.Start();
        _ = AcceptAsync();
    }

    public Uri BaseAddress => new($"http://localhost:{((IPEndPoint)_listener.LocalEndpoint).Port}/");

    /// <summary>Connections made so far: each attempt the client made.</summary>
    public int Connections => Volatile.Read(ref _connections);

    private async Task AcceptAsync()
    {
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                var client = await _listener.AcceptTcpClientAsync(_stop.Token);
                Interlocked.Increment(ref _connections);
                lock (_held)
                {
                    _held.Add(client);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Disposed.
        }
    }

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Stop();
        lock (_held)
        {
            _held.ForEach(c => c.Dispose());
        }

        _stop.Dispose();
    }
}
