using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace PersonalAccessTokens.Redis.Tests.Support;

/// <summary>
/// A real redis-server on a free loopback port, owned by the test: started, killed and restarted at will.
/// A missing redis-server is a loud failure, never a skip.
/// </summary>
public sealed class RedisServer : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("pat-redis-").FullName;
    private readonly bool _persistent;
    private readonly string _extraArguments;
    private Process? _process;

    private RedisServer(int port, bool persistent, string extraArguments)
    {
        Port = port;
        _persistent = persistent;
        _extraArguments = extraArguments;
    }

    public int Port { get; }

    public string Configuration => $"127.0.0.1:{Port}";

    /// <param name="persistent">Append-only file with an fsync per write, so a kill loses nothing acknowledged.</param>
    /// <param name="extraArguments">More redis-server options, e.g. to enable cluster mode.</param>
    /// <param name="port">The port, or a free one.</param>
    public static RedisServer Start(bool persistent = false, string extraArguments = "", int? port = null)
    {
        var server = new RedisServer(port ?? FreePort(), persistent, extraArguments);
        server.Restart();
        return server;
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Starts (again) on the same port and data directory, and waits until it answers PING.</summary>
    public void Restart()
    {
        var arguments = $"--port {Port} --bind 127.0.0.1 --dir {_directory} --save \"\" --protected-mode no "
            + (_persistent ? "--appendonly yes --appendfsync always" : "--appendonly no") + " " + _extraArguments;
        try
        {
            _process = Process.Start(new ProcessStartInfo("redis-server", arguments) { RedirectStandardOutput = true, RedirectStandardError = true });
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new InvalidOperationException("redis-server is not installed: run `apt-get install -y redis-server` (.ci/run does).", ex);
        }

        _process!.OutputDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!Answers())
        {
            if (_process.HasExited || DateTime.UtcNow > deadline)
            {
                throw new InvalidOperationException($"redis-server did not start on port {Port}: {_process.StandardError.ReadToEnd()}");
            }

            Thread.Sleep(20); // Waiting for another process to listen, not controlling time.
        }
    }

    /// <summary>Kills the server at once (SIGKILL): no shutdown save, no goodbye to clients.</summary>
    public void Kill()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill();
            _process.WaitForExit();
        }
    }

    public void Dispose()
    {
        Kill();
        _process?.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    private bool Answers()
    {
        try
        {
            using var client = new TcpClient();
            client.Connect(IPAddress.Loopback, Port);
            var stream = client.GetStream();
            stream.Write("PING\r\n"u8);
            var buffer = new byte[16];
            var read = stream.Read(buffer);
            return Encoding.ASCII.GetString(buffer, 0, read).StartsWith("+PONG", StringComparison.Ordinal);
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
