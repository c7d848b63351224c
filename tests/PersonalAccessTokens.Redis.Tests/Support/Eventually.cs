using System.Diagnostics;

namespace PersonalAccessTokens.Redis.Tests.Support;

/// <summary>
/// Waits, within a bound, for something another process or connection does (Redis delivering a message, a client
/// reconnecting). Real time is what is measured here; FakeTimeProvider still controls every expiry and staleness rule.
/// </summary>
public static class Eventually
{
    /// <param name="condition">What to wait for.</param>
    /// <param name="timeout">How long to wait at most.</param>
    /// <param name="what">What the failure message names.</param>
    /// <param name="precise">
    /// Check again every millisecond rather than every 5 ms, when the time itself is what is measured. Not a spin: on two
    /// cores a spinning poller takes the core that Redis's message or the client's reader needs.
    /// </param>
    public static async Task<TimeSpan> UntilAsync(Func<Task<bool>> condition, TimeSpan timeout, string what, bool precise = false)
    {
        var clock = Stopwatch.StartNew();
        while (!await condition())
        {
            if (clock.Elapsed > timeout)
            {
                Assert.Fail($"Not within {timeout.TotalSeconds:0.#} s: {what}.");
            }

            await Task.Delay(precise ? 1 : 5);
        }

        return clock.Elapsed;
    }

    public static Task<TimeSpan> UntilAsync(Func<bool> condition, TimeSpan timeout, string what) =>
        UntilAsync(() => Task.FromResult(condition()), timeout, what);
}
