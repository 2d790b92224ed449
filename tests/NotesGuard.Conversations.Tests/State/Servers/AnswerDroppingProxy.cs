using System.Net;
using System.Net.Sockets;

namespace NotesGuard.Conversations.Tests.State.Servers;

/// <summary>
/// A loopback TCP proxy in front of PostgreSQL that, once armed, cuts the next statement's connection at a chosen
/// point: <see cref="Cut.AfterCommit"/> lets the statement run and commit (the server's ReadyForQuery) and then closes
/// the connection without passing on a byte of the answer, as a network that fails at the worst moment would;
/// <see cref="Cut.BeforeServer"/> closes it before the server sees the statement. Connections need SSL Mode=Disable,
/// so every server message is framed (a type byte and a length) from the first byte.
/// </summary>
public sealed class AnswerDroppingProxy : IAsyncDisposable
{
    public enum Cut
    {
        None,
        AfterCommit,
        BeforeServer,
    }

    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly string _host;
    private readonly int _port;
    private readonly CancellationTokenSource _stop = new();
    private int _armed;

    public AnswerDroppingProxy(string host, int port)
    {
        _host = host;
        _port = port;
        _listener.Start();
        _ = AcceptAsync();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    /// <summary>How many connections were cut.</summary>
    public int Cuts { get; private set; }

    /// <summary>Cuts the next statement any connection sends (once).</summary>
    public void Arm(Cut cut) => Volatile.Write(ref _armed, (int)cut);

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception) when (_stop.IsCancellationRequested)
            {
                return;
            }

            _ = RelayAsync(client);
        }
    }

    private async Task RelayAsync(TcpClient client)
    {
        using var server = new TcpClient();
        using (client)
        {
            await server.ConnectAsync(_host, _port);
            var cutting = Cut.None;
            var toClient = client.GetStream();
            var toServer = server.GetStream();
            void Close()
            {
                Cuts++;
                client.Client.Close();
                server.Client.Close();
            }

            var up = Task.Run(async () =>
            {
                var buffer = new byte[16 * 1024];
                int read;
                while ((read = await SafeReadAsync(toClient, buffer)) > 0)
                {
                    // The first bytes after arming are the statement: this connection takes the cut.
                    if (cutting == Cut.None && Interlocked.Exchange(ref _armed, 0) is var armed and not 0)
                    {
                        cutting = (Cut)armed;
                        if (cutting == Cut.BeforeServer)
                        {
                            Close();
                            return;
                        }
                    }

                    await toServer.WriteAsync(buffer.AsMemory(0, read));
                }
            });

            // Server to client, a message at a time: a type byte, then a length that counts itself.
            var header = new byte[5];
            while (await ReadExactlyAsync(toServer, header))
            {
                var body = new byte[System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(header.AsSpan(1)) - 4];
                if (!await ReadExactlyAsync(toServer, body))
                {
                    break;
                }

                if (cutting == Cut.AfterCommit)
                {
                    // Withheld; at ReadyForQuery the statement has committed, and the connection goes.
                    if (header[0] == (byte)'Z')
                    {
                        Close();
                        break;
                    }

                    continue;
                }

                await SafeWriteAsync(toClient, header);
                await SafeWriteAsync(toClient, body);
            }

            await Task.WhenAny(up, Task.Delay(TimeSpan.FromSeconds(5)));
        }
    }

    private static async Task<int> SafeReadAsync(NetworkStream stream, byte[] buffer)
    {
        try
        {
            return await stream.ReadAsync(buffer);
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException or SocketException)
        {
            return 0;
        }
    }

    private static async Task<bool> ReadExactlyAsync(NetworkStream stream, byte[] buffer)
    {
        try
        {
            await stream.ReadExactlyAsync(buffer);
            return true;
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException or SocketException or EndOfStreamException)
        {
            return false;
        }
    }

    private static async Task SafeWriteAsync(NetworkStream stream, byte[] buffer)
    {
        try
        {
            await stream.WriteAsync(buffer);
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException or SocketException)
        {
            // The client went away.
        }
    }

    public ValueTask DisposeAsync()
    {
        _stop.Cancel();
        _listener.Stop();
        _stop.Dispose();
        return ValueTask.CompletedTask;
    }
}
