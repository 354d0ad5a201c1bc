using Microsoft.Extensions.Time.Testing;
using SpotifyLocal.Core.Tracking;

namespace SpotifyLocal.Tests.Tracking;

public sealed class RequestBudgetTests
{
    [Fact]
    public void The_budget_allows_a_second_of_requests_then_refills_at_the_configured_rate()
    {
        var time = new FakeTimeProvider();
        var budget = new RequestBudget(2, time);

        var burst = Enumerable.Range(0, 5).Count(_ => budget.TryTake());
        time.Advance(TimeSpan.FromMilliseconds(500));
        var afterHalfSecond = Enumerable.Range(0, 5).Count(_ => budget.TryTake());

        Assert.Equal(2, burst);
        Assert.Equal(1, afterHalfSecond);
    }
}
