using System.Net;

namespace PersonalAccessTokens;

/// <summary>
/// Remembers where a token was last used from. Validation already records when; a host that knows the client
/// (the ASP.NET Core package does) adds the address. In memory only: the usage flusher writes it to the record store.
/// </summary>
public interface IPatUsageRecorder
{
    /// <summary>Records the client address of the use that <paramref name="pat"/>'s validation just recorded.</summary>
    /// <param name="pat">A token that just passed validation.</param>
    /// <param name="clientAddress">The client's address, or <see langword="null"/> if unknown.</param>
    void RecordClientAddress(ValidatedPat pat, IPAddress? clientAddress);
}
