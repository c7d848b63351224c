using System.Globalization;
using StackExchange.Redis;

namespace PersonalAccessTokens.Redis;

/// <summary>
/// The store's keys, channel and change messages, all under one prefix. The prefix is wrapped in a hash tag
/// (<c>pat:</c> becomes <c>{pat:}</c>) unless it holds one, so every key lands in one Redis Cluster slot: one shard
/// holds the whole list, and the scripts that touch several keys work on a cluster unchanged.
/// </summary>
internal sealed class RedisKeys
{
    public const char TokenMessage = 't';
    public const char SubjectMessage = 's';

    /// <summary>The longest token id or subject a change may carry; the issuer allows 256 characters for a subject.</summary>
    public const int MaxIdLength = 256;

    // 9999-12-31T23:59:59Z, the last instant a token time can name (the validator's range).
    private const long MaxUnixSeconds = 253_402_300_799;

    public RedisKeys(string prefix)
    {
        Prefix = HasHashTag(prefix) ? prefix : "{" + prefix + "}";
        Tokens = Prefix + "tokens";
        Subjects = Prefix + "subjects";
        Changes = Prefix + "changes";
        Channel = RedisChannel.Literal(Prefix + "revocations");
    }

    /// <summary>The configured prefix, with a hash tag.</summary>
    public string Prefix { get; }

    /// <summary>Sorted set: token id scored by the token's <c>exp</c>.</summary>
    public RedisKey Tokens { get; }

    /// <summary>Sorted set: subject scored by its revoke-all instant, which only moves forward.</summary>
    public RedisKey Subjects { get; }

    /// <summary>Stream: one entry per revocation, so a node catches up by reading only what it has not seen.</summary>
    public RedisKey Changes { get; }

    /// <summary>Pub/sub: each write publishes its change's stream id, waking every node to read the log at once.</summary>
    public RedisChannel Channel { get; }

    // Messages put the fixed-format number first, so an id or subject may contain the separator.
    public static string Message(char kind, long seconds, string id) =>
        string.Create(CultureInfo.InvariantCulture, $"{kind}|{seconds}|{id}");

    /// <summary>
    /// Reads a change. Anyone who can write to the Redis can write a change, so it is checked: a known kind, a time in
    /// the token time range, and a non-empty id of at most <see cref="MaxIdLength"/> characters.
    /// </summary>
    public static bool TryParse(string message, out char kind, out long seconds, out string id)
    {
        kind = default;
        seconds = 0;
        id = "";
        var second = message.Length > 2 ? message.IndexOf('|', 2) : -1;
        if (message.Length < 5 || message[1] != '|' || second < 0
            || !long.TryParse(message.AsSpan(2, second - 2), NumberStyles.None, CultureInfo.InvariantCulture, out seconds)
            || seconds > MaxUnixSeconds)
        {
            return false;
        }

        kind = message[0];
        id = message[(second + 1)..];
        return IsAcceptableId(id) && kind is TokenMessage or SubjectMessage;
    }

    /// <summary>The id check of <see cref="TryParse"/>, also applied to the sorted sets' members at a full load.</summary>
    public static bool IsAcceptableId(string id) => id.Length is > 0 and <= MaxIdLength;

    /// <summary>The time check of <see cref="TryParse"/>, also applied to the sorted sets' scores at a full load.</summary>
    public static bool IsTokenTime(double seconds) => seconds is >= 0 and <= MaxUnixSeconds;

    // Redis hashes only what is between the first '{' and the next '}', if that is not empty.
    private static bool HasHashTag(string prefix)
    {
        var open = prefix.IndexOf('{');
        var close = open < 0 ? -1 : prefix.IndexOf('}', open + 1);
        return close > open + 1;
    }
}
