using System.Buffers.Text;

namespace PersonalAccessTokens;

/// <summary>
/// A token id made ready for revocation lookups once, when its token verified: a derived token's ancestors are
/// checked on every validation. An id of our own format is kept as its 16 bytes alone, read straight from the
/// payload, so verifying a derived token makes no string for it until someone asks.
/// </summary>
internal readonly struct RevocationLookup
{
    private readonly string? _otherId;

    private RevocationLookup(TokenKey key, string? otherId)
    {
        Key = key;
        _otherId = otherId;
    }

    /// <summary>Whether the id is one of our 22-character ids, so <see cref="Key"/> holds it.</summary>
    public bool IsOurFormat => _otherId is null;

    public TokenKey Key { get; }

    /// <summary>An id of another format, as it was written.</summary>
    public string OtherId => _otherId!;

    public static RevocationLookup For(TokenKey key) => new(key, null);

    public static RevocationLookup For(string id) => TokenKey.TryParse(id, out var key) ? new(key, null) : new(default, id);

    public static RevocationLookup For(ReadOnlySpan<byte> utf8) =>
        TokenKey.TryParse(utf8, out var key) ? new(key, null) : new(default, System.Text.Encoding.UTF8.GetString(utf8));

    /// <summary>The id as text: ours re-encoded, which gives back the one spelling Base64Url accepts.</summary>
    public override string ToString()
    {
        if (_otherId is not null)
        {
            return _otherId;
        }

        Span<byte> bytes = stackalloc byte[16];
        BitConverter.TryWriteBytes(bytes, Key.High);
        BitConverter.TryWriteBytes(bytes[8..], Key.Low);
        return Base64Url.EncodeToString(bytes);
    }
}
