namespace PersonalAccessTokens.AspNetCore;

/// <summary>Marks the endpoint that mints tokens for a signed-in user, so start-up can check that someone can sign in.</summary>
internal sealed record TokenMintingEndpointMetadata(IReadOnlyList<string> UserAuthenticationSchemes);
