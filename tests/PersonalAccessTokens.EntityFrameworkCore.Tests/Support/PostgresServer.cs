using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace PersonalAccessTokens.EntityFrameworkCore.Tests.Support;

/// <summary>
/// A real PostgreSQL cluster in a temp directory on a free loopback port, owned by the tests: initialised, started,
/// stopped and started again at will. initdb refuses root, so as root it runs as the postgres user. A missing server
/// is a loud failure, never a skip.
/// </summary>
public sealed class PostgresServer : IDisposable
{
    private readonly string _directory;
    private readonly string _binaries;

    private PostgresServer(string directory, string binaries, int port)
    {
        _directory = directory;
        _binaries = binaries;
        Port = port;
    }

    public int Port { get; }

    public static PostgresServer Start()
    {
        var binaries = FindBinaries();
        var directory = Directory.CreateTempSubdirectory("pat-postgres-").FullName;
        var server = new PostgresServer(directory, binaries, FreePort());
        if (IsRoot)
        {
            Run("chown", $"postgres {directory}");
        }

        server.RunAsOwner("initdb", $"-D {directory}/data -A trust -U postgres --no-sync -E UTF8");
        server.Restart();
        return server;
    }

    /// <summary>
    /// A connection string to <paramref name="database"/>, or to the maintenance database. Unpooled by default, so a
    /// server restarted under a test leaves no dead pooled connection; a pooled one, as an application has, to measure.
    /// </summary>
    public string ConnectionString(string database = "postgres", bool pooling = false) =>
        $"Host=127.0.0.1;Port={Port};Username=postgres;Database={database};Pooling={pooling};Timeout=5;Command Timeout=30";

    /// <summary>Creates an empty database and returns a connection string to it.</summary>
    public async Task<string> CreateDatabaseAsync(string name, bool pooling = false)
    {
        await using var connection = new Npgsql.NpgsqlConnection(ConnectionString());
        await connection.OpenAsync();
        await using var create = new Npgsql.NpgsqlCommand($"CREATE DATABASE {name}", connection);
        await create.ExecuteNonQueryAsync();
        return ConnectionString(name, pooling);
    }

    public void Restart() =>
        RunAsOwner("pg_ctl", $"-D {_directory}/data -l {_directory}/log -w -t 30 -o \"-p {Port} -k {_directory} -c listen_addresses=127.0.0.1 -c fsync=off\" start");

    public void Stop() => RunAsOwner("pg_ctl", $"-D {_directory}/data -w -t 30 -m fast stop");

    public void Dispose()
    {
        try
        {
            Stop();
        }
        catch (InvalidOperationException)
        {
            // Already stopped.
        }

        Directory.Delete(_directory, recursive: true);
    }

    private static bool IsRoot => Environment.UserName == "root";

    private void RunAsOwner(string program, string arguments)
    {
        var path = Path.Combine(_binaries, program);
        if (IsRoot)
        {
            Run("runuser", $"-u postgres -- {path} {arguments}");
        }
        else
        {
            Run(path, arguments);
        }
    }

    private static string FindBinaries()
    {
        // pg_config names the folder where it is installed; Debian keeps the server under /usr/lib/postgresql/N/bin.
        var debian = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin")).Order(StringComparer.Ordinal).Reverse()
            : [];
        foreach (var candidate in debian.Prepend(TryRun("pg_config", "--bindir")?.Trim()))
        {
            if (candidate is not null && File.Exists(Path.Combine(candidate, "initdb")))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException("PostgreSQL is not installed (no initdb beside pg_config --bindir): run `apt-get install -y postgresql` (.ci/run does).");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string? TryRun(string program, string arguments)
    {
        try
        {
            return Run(program, arguments);
        }
        catch (Exception ex) when (ex is InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            return null;
        }
    }

    private static string Run(string program, string arguments)
    {
        using var process = Process.Start(new ProcessStartInfo(program, arguments) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        return process.ExitCode == 0 ? output.Result : throw new InvalidOperationException($"{program} {arguments} failed ({process.ExitCode}): {output.Result}{error}");
    }
}
