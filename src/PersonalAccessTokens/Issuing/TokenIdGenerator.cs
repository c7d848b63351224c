using System.Buffers.Text;
using System.Security.Cryptography;

namespace PersonalAccessTokens;

/// <summary>
/// Token ids (<c>jti</c>) of 128 random bits (RFC 7519 §4.1.7: collisions must be negligible), base64url so
/// they are safe in URLs and logs.
/// </summary>
/// <remarks>
/// A call to <see cref="RandomNumberGenerator.Fill"/> costs about as much as signing an HS256 token, whatever its
/// size, so each thread draws 256 ids at once and hands them out. Used bytes are cleared.
/// </remarks>
internal static class TokenIdGenerator
{
    private const int IdBytes = 16;
    private const int BatchBytes = IdBytes * 256;

    [ThreadStatic]
    private static byte[]? t_batch;

    [ThreadStatic]
    private static int t_offset;

    public static string Next()
    {
        var batch = t_batch;
        if (batch is null)
        {
            batch = t_batch = new byte[BatchBytes];
            t_offset = BatchBytes;
        }

        if (t_offset == BatchBytes)
        {
            RandomNumberGenerator.Fill(batch);
            t_offset = 0;
        }

        var id = batch.AsSpan(t_offset, IdBytes);
        t_offset += IdBytes;
        var text = Base64Url.EncodeToString(id);
        id.Clear();
        return text;
    }
}
