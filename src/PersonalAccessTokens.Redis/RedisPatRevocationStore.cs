using System.Globalization;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace PersonalAccessTokens.Redis;

/// <summary>
/// Revocations are written to Redis, acknowledged, logged as a change and announced to every node; checks answer
/// from this node's replica and make no network call.
/// </summary>
internal sealed class RedisPatRevocationStore(
    RevocationReplica replica,
    RedisConnection connection,
    RedisKeys keys,
    IOptions<RedisRevocationOptions> options,
    IOptions<PersonalAccessTokenOptions> tokenOptions,
    TimeProvider timeProvider) : IPatRevocationStore
{
    // One atomic script per revocation, on keys of one hash slot:
    // - ZADD GT keeps the later instant, so a token's entry never shrinks and a subject's epoch never moves back;
    // - entries that can no longer matter are trimmed as we go, so the set holds only live revocations;
    // - the change is logged, the log trimmed to the longest a token can live, and its id published, all or nothing.
    private const string RevokeScript = """
        redis.call('ZADD', KEYS[1], 'GT', ARGV[1], ARGV[2])
        redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', '(' .. ARGV[3])
        local id = redis.call('XADD', KEYS[2], 'MINID', '~', ARGV[4], '*', 'm', ARGV[5])
        redis.call('PUBLISH', ARGV[6], id)
        return id
        """;

    private readonly RedisRevocationOptions _options = options.Value;

    public async ValueTask RevokeAsync(string tokenId, DateTimeOffset expiresAt, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(tokenId);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(tokenId.Length, RedisKeys.MaxIdLength, nameof(tokenId));
        cancellationToken.ThrowIfCancellationRequested();
        var now = timeProvider.GetUtcNow();
        var skew = tokenOptions.Value.ClockSkew;
        if (expiresAt + skew <= now)
        {
            return; // It fails as expired everywhere already.
        }

        // The validator accepts a token until exp + ClockSkew: its entry is kept until then, not merely until exp.
        var exp = expiresAt.ToUnixTimeSeconds();
        await WriteAsync(keys.Tokens, exp, tokenId, (now - skew).ToUnixTimeSeconds(), RedisKeys.Message(RedisKeys.TokenMessage, exp, tokenId), now)
            .ConfigureAwait(false);
        replica.List.AddToken(tokenId, exp);
    }

    public async ValueTask RevokeAllAsync(string subject, DateTimeOffset issuedAtOrBefore, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(subject);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(subject.Length, RedisKeys.MaxIdLength, nameof(subject));
        cancellationToken.ThrowIfCancellationRequested();
        var now = timeProvider.GetUtcNow();
        var epoch = issuedAtOrBefore.ToUnixTimeSeconds();

        // An epoch matters while a token issued before it could still be alive.
        var oldestThatMatters = (now - SubjectRetention(tokenOptions.Value)).ToUnixTimeSeconds();
        await WriteAsync(keys.Subjects, epoch, subject, oldestThatMatters, RedisKeys.Message(RedisKeys.SubjectMessage, epoch, subject), now)
            .ConfigureAwait(false);
        replica.List.AddSubject(subject, epoch);
    }

    public ValueTask<PatRevocationStatus> CheckAsync(ValidatedPat pat, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(pat);
        // The clock is read only when stale: it costs as much as the lookup itself on every validation.
        if (_options.OutageBehavior == RedisOutageBehavior.FailClosed
            && !replica.IsFresh
            && replica.StalenessAt(timeProvider.GetUtcNow()) > _options.StalenessLimit)
        {
            return new ValueTask<PatRevocationStatus>(PatRevocationStatus.Unavailable);
        }

        return new ValueTask<PatRevocationStatus>(replica.List.IsRevoked(pat) ? PatRevocationStatus.Revoked : PatRevocationStatus.NotRevoked);
    }

    /// <summary>How long a subject's epoch, and any change in the log, can matter.</summary>
    internal static TimeSpan SubjectRetention(PersonalAccessTokenOptions options) => options.MaxLifetime + options.ClockSkew;

    private async Task WriteAsync(RedisKey set, long score, string member, long trimBelow, string message, DateTimeOffset now)
    {
        // Stream ids start with the Redis server's milliseconds; a change older than any live token is trimmed.
        var logFrom = (now - SubjectRetention(tokenOptions.Value)).ToUnixTimeMilliseconds();
        var database = (await connection.GetAsync().ConfigureAwait(false)).GetDatabase();
        await database.ScriptEvaluateAsync(
            RevokeScript,
            [set, keys.Changes],
            [score, member, trimBelow, logFrom.ToString(CultureInfo.InvariantCulture), message, keys.Channel.ToString()]).ConfigureAwait(false);
    }
}
