using System.Globalization;
using StackExchange.Redis;

namespace PersonalAccessTokens.Redis;

/// <summary>The Redis keys, channel and messages of the revocation list, all under one prefix.</summary>
internal sealed class RedisKeys(string prefix)
{
    public const char TokenMessage = 't';
    public const char SubjectMessage = 's';

    /// <summary>Revoked tokens: <c>{prefix}token:{jti}</c> = expiry in Unix seconds, expiring with the token.</summary>
    public string TokenPattern => prefix + "token:*";

    /// <summary>Revoke-all epochs: <c>{prefix}subject:{subject}</c> = Unix second, expiring when no token issued before it can live.</summary>
    public string SubjectPattern => prefix + "subject:*";

    public RedisChannel Channel { get; } = RedisChannel.Literal(prefix + "revocations");

    public RedisKey Token(string tokenId) => prefix + "token:" + tokenId;

    public RedisKey Subject(string subject) => prefix + "subject:" + subject;

    public string TokenIdOf(string key) => key[(prefix.Length + "token:".Length)..];

    public string SubjectOf(string key) => key[(prefix.Length + "subject:".Length)..];

    // Messages put the fixed-format number first, so an id or subject may contain the separator.
    public static string Message(char kind, long seconds, string id) =>
        string.Create(CultureInfo.InvariantCulture, $"{kind}|{seconds}|{id}");

    public static bool TryParse(string message, out char kind, out long seconds, out string id)
    {
        kind = default;
        seconds = 0;
        id = "";
        var second = message.Length > 2 ? message.IndexOf('|', 2) : -1;
        if (message.Length < 5 || message[1] != '|' || second < 0
            || !long.TryParse(message.AsSpan(2, second - 2), NumberStyles.None, CultureInfo.InvariantCulture, out seconds))
        {
            return false;
        }

        kind = message[0];
        id = message[(second + 1)..];
        return id.Length > 0 && kind is TokenMessage or SubjectMessage;
    }
}
