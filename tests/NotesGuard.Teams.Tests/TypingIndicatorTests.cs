using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using NotesGuard.Teams.Tests.Infrastructure;

namespace NotesGuard.Teams.Tests;

/// <summary>
/// "NotesGuard is typing…" only when a turn is slow (Teams:TypingDelay, 500 ms by default): a fast turn costs one
/// connector call fewer. Time is a fake clock the test moves, and the slow engine waits for the test to release it,
/// so nothing here depends on how fast the machine is.
/// </summary>
public sealed class TypingIndicatorTests : IAsyncLifetime
{
    private const string Thread = "19:supervision@thread.tacv2;messageid=1700000000042";

    private readonly FakeTimeProvider _clock = new();
    private FakeConnector _connector = null!;

    public async Task InitializeAsync() => _connector = await FakeConnector.StartAsync();

    public async Task DisposeAsync() => await _connector.DisposeAsync();

    [Fact]
    public async Task A_turn_answered_within_the_delay_sends_no_typing_indicator()
    {
        await using var host = await StartAsync();

        using var response = await host.PostAsync(Activities.Message(_connector.ServiceUrl, "hello"));

        // The endpoint answers only after the replies went out, so every call of this turn has been made.
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var only = Assert.Single(_connector.Calls);
        Assert.Equal("message", only.ActivityType);
    }

    [Fact]
    public async Task A_turn_slower_than_the_delay_sends_typing_first_into_the_thread_then_the_replies()
    {
        await using var host = await StartAsync();
        var (started, release) = HoldEngine(host);

        var posting = host.PostAsync(Activities.Mentioning(_connector.ServiceUrl, "new case", "channel", Thread));
        await started.Task.WaitAsync(TimeSpan.FromSeconds(10));
        _clock.Advance(TimeSpan.FromMilliseconds(500));
        var calls = await _connector.WaitForCallsAsync(c => c.Count > 0);
        release.SetResult();
        using var response = await posting;

        Assert.Equal("typing", Assert.Single(calls).ActivityType);
        Assert.Collection(
            _connector.Calls,
            typing => Assert.Equal("typing", typing.ActivityType),
            reply => Assert.Equal("message", reply.ActivityType));
        Assert.All(_connector.Calls, c => Assert.StartsWith($"/connector/v3/conversations/{Uri.EscapeDataString(Thread)}/", c.RawPath, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(429)]
    [InlineData(503)]
    public async Task A_typing_indicator_the_connector_refuses_is_tried_once_and_does_not_hold_up_the_reply(int status)
    {
        await using var host = await StartAsync();
        var (started, release) = HoldEngine(host);
        _connector.FailNext(1, status, retryAfter: "30");

        var posting = host.PostAsync(Activities.Message(_connector.ServiceUrl, "hello"));
        await started.Task.WaitAsync(TimeSpan.FromSeconds(10));
        _clock.Advance(TimeSpan.FromMilliseconds(500));
        await _connector.WaitForCallsAsync(c => c.Count > 0);
        release.SetResult();

        // The clock does not move again: a typing call retried after its Retry-After would keep the reply waiting
        // behind it for ever (30 s of the fake clock).
        using var response = await posting.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Collection(
            _connector.Calls,
            typing => Assert.Equal("typing", typing.ActivityType),
            reply => Assert.Equal("message", reply.ActivityType));
    }

    [Fact]
    public async Task A_turn_that_ends_just_before_the_delay_sends_none()
    {
        await using var host = await StartAsync();
        var (started, release) = HoldEngine(host);

        var posting = host.PostAsync(Activities.Message(_connector.ServiceUrl, "hello"));
        await started.Task.WaitAsync(TimeSpan.FromSeconds(10));
        _clock.Advance(TimeSpan.FromMilliseconds(499));
        release.SetResult();
        using var response = await posting;
        _clock.Advance(TimeSpan.FromSeconds(5));

        Assert.Equal("message", Assert.Single(_connector.Calls).ActivityType);
    }

    [Fact]
    public async Task A_delay_of_zero_sends_typing_on_every_turn()
    {
        await using var host = await StartAsync(new() { ["Teams:TypingDelay"] = "00:00:00" });

        using var response = await host.PostAsync(Activities.Message(_connector.ServiceUrl, "hello"));

        Assert.Collection(
            _connector.Calls,
            typing => Assert.Equal("typing", typing.ActivityType),
            reply => Assert.Equal("message", reply.ActivityType));
    }

    [Theory]
    [InlineData("-00:00:01")]
    [InlineData("00:00:11")]
    public async Task A_delay_outside_zero_to_ten_seconds_stops_the_app_naming_the_key(string delay)
    {
        var failure = await Assert.ThrowsAsync<OptionsValidationException>(() => StartAsync(new() { ["Teams:TypingDelay"] = delay }));

        Assert.Contains("Teams:TypingDelay", failure.Message, StringComparison.Ordinal);
    }

    /// <summary>Makes the engine wait in each turn until the test releases it; started says the turn reached it.</summary>
    private static (TaskCompletionSource Started, TaskCompletionSource Release) HoldEngine(TeamsTestHost host)
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        host.Engine.Working = _ =>
        {
            started.TrySetResult();
            return release.Task;
        };
        return (started, release);
    }

    private Task<TeamsTestHost> StartAsync(Dictionary<string, string?>? settings = null)
    {
        // The default, not the test host's long one.
        var all = new Dictionary<string, string?> { ["Teams:TypingDelay"] = "00:00:00.5" };
        foreach (var (key, value) in settings ?? [])
        {
            all[key] = value;
        }

        return TeamsTestHost.StartAsync(settings: all, services: s => s.AddSingleton<TimeProvider>(_clock));
    }
}
