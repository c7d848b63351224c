using System.Diagnostics;

namespace PersonalAccessTokens.Cli.Tests;

/// <summary>The built tool as a child process, with its own deps.json: what the in-process tests cannot see.</summary>
public sealed class BuiltToolTests
{
    [Test]
    public async Task The_built_tool_makes_a_key_issues_and_validates_a_token_from_stdin()
    {
        using var pat = new Pat();
        var keys = await RunAsync(pat.Folder, null, "keys", "new", "--alg", "ES256", "--kid", "k1");
        Assert.That(keys.ExitCode, Is.EqualTo(0), keys.Error);
        pat.WriteConfig(keys.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries)[^1]);

        var issued = await RunAsync(pat.Folder, null, "issue", "--sub", "alice", "--scope", "repo:read");
        var validated = await RunAsync(pat.Folder, issued.Output, "validate", "-");

        Assert.That(issued.ExitCode, Is.EqualTo(0), issued.Error);
        Assert.That(validated.ExitCode, Is.EqualTo(0), validated.Output + validated.Error);
        Assert.That(validated.Output, Does.StartWith("valid: "));
    }

    private static async Task<(int ExitCode, string Output, string Error)> RunAsync(string folder, string? stdin, params string[] args)
    {
        // The tool's own build output, in the same configuration as this test assembly (bin/<configuration>/net10.0).
        var testOutput = new DirectoryInfo(AppContext.BaseDirectory);
        var configuration = testOutput.Parent!.Name;
        var tool = Path.GetFullPath(Path.Combine(testOutput.FullName, "../../../../../src/PersonalAccessTokens.Cli/bin", configuration, testOutput.Name, "PersonalAccessTokens.Cli.dll"));
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = folder, RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(tool);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        await process.StandardInput.WriteAsync(stdin ?? string.Empty);
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await output, await error);
    }
}
