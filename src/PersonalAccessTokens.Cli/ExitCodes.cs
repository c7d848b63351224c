namespace PersonalAccessTokens.Cli;

/// <summary>The tool's exit codes, documented in <c>--help</c> and the README.</summary>
internal static class ExitCodes
{
    public const int Success = 0;

    /// <summary><c>validate</c>: the token is not valid.</summary>
    public const int InvalidToken = 1;

    /// <summary>Bad usage, or a request the issuer refused.</summary>
    public const int Usage = 2;

    /// <summary>The configuration or a key cannot be used.</summary>
    public const int Configuration = 3;

    public const string Help = "Exit codes: 0 success, 1 invalid token, 2 bad usage or refused request, 3 configuration error.";
}
