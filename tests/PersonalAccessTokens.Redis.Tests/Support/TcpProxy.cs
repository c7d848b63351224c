using System.Net;
using System.Net.Sockets;

namespace PersonalAccessTokens.Redis.Tests.Support;

/// <summary>A loopback TCP proxy of the test's own, to cut one node off from Redis and reconnect it.</summary>
public sealed class TcpProxy : IDisposable
{
    private readonly int _target;
    private readonly List<TcpClient> _connections = [];
    private TcpListener? _listener;
    private CancellationTokenSource? _running;

    public TcpProxy(int target)
    {
        _target = target;
        Port = RedisServer.FreePort();
        Start();
    }

    public int Port { get; }

    public void Start()
    {
        _running = new CancellationTokenSource();
        _listener = new TcpListener(IPAddress.Loopback, Port);
        _listener.Server.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        _listener.Start();
        _ = AcceptAsync(_listener, _running.Token);
    }

    /// <summary>Stops listening and drops every connection, as a network partition would.</summary>
    public void Stop()
    {
        _running?.Cancel();
        _listener?.Stop();
        lock (_connections)
        {
            foreach (var connection in _connections)
            {
                connection.Dispose();
            }

            _connections.Clear();
        }
    }

    public void Dispose()
    {
        Stop();
        _running?.Dispose();
    }

    private async Task AcceptAsync(TcpListener listener, CancellationToken stop)
    {
        try
        {
            while (!stop.IsCancellationRequested)
            {
                var client = await listener.AcceptTcpClientAsync(stop);
                var server = new TcpClient();
                await server.ConnectAsync(IPAddress.Loopback, _target, stop);
                lock (_connections)
                {
                    _connections.Add(client);
                    _connections.Add(server);
                }

                _ = PumpAsync(client.GetStream(), server.GetStream(), stop);
                _ = PumpAsync(server.GetStream(), client.GetStream(), stop);
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // Stopped.
        }
    }

    private static async Task PumpAsync(NetworkStream from, NetworkStream to, CancellationToken stop)
    {
        try
        {
            await from.CopyToAsync(to, stop);
        }
        catch (Exception ex) when (ex is IOException or OperationCanceledException or ObjectDisposedException or SocketException)
        {
            // The other side went away.
        }
    }
}
