using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace PersonalAccessTokens.Redis.Tests.Support;

/// <summary>
/// A real Redis Cluster of three primaries on loopback, made as an operator would: three servers in cluster mode,
/// then <c>redis-cli --cluster create</c>.
/// </summary>
public sealed class RedisCluster : IDisposable
{
    private readonly List<RedisServer> _servers = [];

    private RedisCluster()
    {
    }

    /// <summary>Every primary, so the client discovers the slot map from any of them.</summary>
    public string Configuration => string.Join(',', _servers.Select(s => s.Configuration));

    public static RedisCluster Start(int primaries = 3)
    {
        var cluster = new RedisCluster();
        try
        {
            for (var i = 0; i < primaries; i++)
            {
                cluster._servers.Add(RedisServer.Start(extraArguments: "--cluster-enabled yes --cluster-config-file nodes.conf --cluster-node-timeout 5000", port: FreeClusterPort()));
            }

            var endpoints = string.Join(' ', cluster._servers.Select(s => s.Configuration));
            Run("redis-cli", $"--cluster create {endpoints} --cluster-replicas 0 --cluster-yes");
            cluster.WaitUntilReady();
            return cluster;
        }
        catch
        {
            cluster.Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        foreach (var server in _servers)
        {
            server.Dispose();
        }
    }

    // A cluster node also listens on its port + 10000 (the cluster bus), so both must be free and in range.
    private static int FreeClusterPort()
    {
        for (var attempt = 0; attempt < 100; attempt++)
        {
            var port = RedisServer.FreePort() % 20_000 + 20_000;
            if (IsFree(port) && IsFree(port + 10_000))
            {
                return port;
            }
        }

        throw new InvalidOperationException("No free pair of ports for a cluster node.");
    }

    private static bool IsFree(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private void WaitUntilReady()
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (_servers.Any(s => !Run("redis-cli", $"-p {s.Port} cluster info").Contains("cluster_state:ok", StringComparison.Ordinal)))
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new InvalidOperationException("The Redis cluster did not reach cluster_state:ok within 30 s.");
            }

            Thread.Sleep(50); // Waiting for other processes to agree on the slot map, not controlling time.
        }
    }

    private static string Run(string command, string arguments)
    {
        using var process = Process.Start(new ProcessStartInfo(command, arguments) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        var output = process.StandardOutput.ReadToEnd();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        return process.ExitCode == 0
            ? output
            : throw new InvalidOperationException($"{command} {arguments} failed ({process.ExitCode}): {output}{error}");
    }
}
