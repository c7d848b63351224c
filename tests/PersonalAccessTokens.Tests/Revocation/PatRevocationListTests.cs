using System.Buffers.Text;

namespace PersonalAccessTokens.Tests.Revocation;

/// <summary>The revocation list every store shares: the in-memory store, the Redis replica, the database replica.</summary>
public sealed class PatRevocationListTests
{
    private static string OurId(int i)
    {
        var bytes = new byte[16];
        BitConverter.TryWriteBytes(bytes, i);
        BitConverter.TryWriteBytes(bytes.AsSpan(8), ~i);
        return Base64Url.EncodeToString(bytes);
    }

    [Test]
    public void Compaction_drops_tokens_expired_before_the_bound_and_epochs_older_than_any_live_token()
    {
        var list = new PatRevocationList();
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        list.AddToken("old", now - 31);
        list.AddToken("within-skew", now - 29);
        list.AddToken("live", now + 3600);
        list.AddSubject("gone", now - (400 * 86_400));
        list.AddSubject("kept", now - 86_400);

        list.Compact(tokensFrom: now - 30, subjectsFrom: now - (366 * 86_400));

        Assert.That(list.Count, Is.EqualTo(3));
        Assert.That(list.RecentCount, Is.Zero);
        Assert.That(list.IsTokenRevoked("within-skew") && !list.IsTokenRevoked("old"), Is.True);
    }

    [Test]
    public void Ids_of_our_format_are_keyed_by_their_bytes_each_with_exactly_one_spelling_and_other_ids_as_text()
    {
        var ours = OurId(1);
        var neighbour = ours[..^1] + (ours[^1] == 'A' ? 'Q' : 'A'); // Both spell 16 bytes: the unused bits are zero.
        var list = new PatRevocationList();
        list.AddToken(ours, 2_000_000_000);
        list.AddToken("id-1", 2_000_000_000);
        list.Compact(0, 0);

        Assert.That(TokenKey.TryParse(ours, out var key), Is.True);
        Assert.That(TokenKey.TryParse(System.Text.Encoding.ASCII.GetBytes(ours), out var fromUtf8) && fromUtf8 == key, Is.True);
        Assert.That(TokenKey.TryParse(neighbour, out var other) && other != key, Is.True, "one character apart, two keys");
        Assert.That(TokenKey.TryParse("id-1", out _), Is.False);
        Assert.That(TokenKey.TryParse(ours[..^1] + "B", out _), Is.False, "non-zero unused bits would give a second spelling of one key");
        Assert.That(list.Count, Is.EqualTo(2));
        Assert.That(list.IsTokenRevoked(ours) && list.IsTokenRevoked("id-1") && !list.IsTokenRevoked(neighbour), Is.True);
    }

    [Test]
    public void A_replace_drops_whatever_the_load_does_not_hold()
    {
        var list = new PatRevocationList();
        list.AddToken("bogus", 253_402_300_799);
        var loaded = new PatRevocationList.Builder();
        loaded.AddToken(System.Text.Encoding.UTF8.GetBytes(OurId(7)), 2_000_000_000);
        loaded.AddSubject("alice", 1_800_000_000);

        list.Replace(loaded);

        Assert.That(list.IsTokenRevoked("bogus"), Is.False);
        Assert.That(list.IsTokenRevoked(OurId(7)), Is.True);
        Assert.That(list.Count, Is.EqualTo(2));
    }
}
