using System.Buffers.Text;
using System.Numerics;

namespace PersonalAccessTokens;

/// <summary>
/// One spelling per ECDSA signature. If (r, s) verifies, so does (r, n − s): anyone could turn a token into a second
/// string with the same claims, and everything keyed on the text (leak scanners, deny lists, the verified-token
/// cache) would see two tokens. Tokens are issued with the low s (at most n / 2, as Bitcoin's BIP 62 does), and a
/// high s is refused at validation.
/// </summary>
internal static class EcdsaLowS
{
    // Half the group order of P-256 and P-384 (SEC 2 §2.4.2, §2.5.1), big-endian, as wide as s.
    private static readonly byte[] HalfOrderP256 = HalfOrder("FFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551", 32);
    private static readonly byte[] HalfOrderP384 = HalfOrder(
        "FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFC7634D81F4372DDF581A0DB248B0A77AECEC196ACCC52973", 48);

    /// <summary>Whether the r||s signature's s is at most half the order. Big-endian bytes of equal width compare as numbers.</summary>
    public static bool IsLow(ReadOnlySpan<byte> signature)
    {
        var s = signature[(signature.Length / 2)..];
        return s.SequenceCompareTo(HalfOrderFor(s.Length)) <= 0;
    }

    /// <summary>Rewrites a compact JWS's signature to its low-s form; a signature already low is returned as it is.</summary>
    public static string Normalize(string jws)
    {
        var dot = jws.LastIndexOf('.');
        var signature = Base64Url.DecodeFromChars(jws.AsSpan(dot + 1));
        if (IsLow(signature))
        {
            return jws;
        }

        var width = signature.Length / 2;
        var order = (new BigInteger(HalfOrderFor(width), isUnsigned: true, isBigEndian: true) << 1) + 1;
        var s = new BigInteger(signature.AsSpan(width), isUnsigned: true, isBigEndian: true);
        var low = (order - s).ToByteArray(isUnsigned: true, isBigEndian: true);
        var lowS = signature.AsSpan(width);
        lowS.Clear();
        low.CopyTo(lowS[(width - low.Length)..]);
        return string.Concat(jws.AsSpan(0, dot + 1), Base64Url.EncodeToString(signature));
    }

    private static byte[] HalfOrderFor(int width) => width == 32 ? HalfOrderP256 : HalfOrderP384;

    private static byte[] HalfOrder(string orderHex, int width)
    {
        var half = (BigInteger.Parse("0" + orderHex, System.Globalization.NumberStyles.HexNumber, System.Globalization.CultureInfo.InvariantCulture) >> 1)
            .ToByteArray(isUnsigned: true, isBigEndian: true);
        var padded = new byte[width];
        half.CopyTo(padded, width - half.Length);
        return padded;
    }
}
