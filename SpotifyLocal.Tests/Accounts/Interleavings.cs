using System.Reflection;

namespace SpotifyLocal.Tests.Accounts;

/// <summary>
/// Runs operations side by side and lets them reach a store one call at a time, in every order there is: each
/// operation pauses before each call of the wrapped interface (see <see cref="Wrap{T}"/>), and a schedule picks which
/// paused operation goes next. <see cref="RunAllAsync"/> enumerates every schedule (depth-first), so a lost update
/// that needs one unlucky ordering is found every run, without timing luck.
/// </summary>
public sealed class Interleavings
{
    private static readonly AsyncLocal<Actor?> Current = new();
    private static readonly TimeSpan BlockedAfter = TimeSpan.FromMilliseconds(100);

    /// <summary>A bound on schedules per scenario, so a scenario whose choices shift between runs still ends.</summary>
    private const int MaxRuns = 500;
    private readonly SemaphoreSlim _changed = new(0);

    /// <summary>A proxy that pauses the calling operation before every call to <paramref name="inner"/>.</summary>
    public T Wrap<T>(T inner)
        where T : class
    {
        var proxy = DispatchProxy.Create<T, SteppingProxy>();
        ((SteppingProxy)(object)proxy).Init(inner, this);
        return proxy;
    }

    /// <summary>
    /// Runs every interleaving: <paramref name="arrange"/> resets the state (not paused), then the operations run under
    /// one schedule, then <paramref name="check"/> asserts (given the schedule, for the failure message). Returns how many
    /// schedules ran.
    /// </summary>
    public async Task<int> RunAllAsync(Func<Task> arrange, IReadOnlyList<Func<Task>> operations, Func<string, Task> check, CancellationToken cancellationToken)
    {
        var prefix = new List<int>();
        var runs = 0;
        while (runs < MaxRuns)
        {
            await arrange();
            var (taken, choices) = await RunOnceAsync(prefix, operations, cancellationToken);
            runs++;
            await check(string.Join(",", taken));

            // Next schedule: the deepest step that still has an untried choice.
            var depth = taken.Count - 1;
            while (depth >= 0 && taken[depth] + 1 >= choices[depth])
            {
                depth--;
            }

            if (depth < 0)
            {
                return runs;
            }

            prefix = [.. taken.Take(depth), taken[depth] + 1];
        }

        return runs;
    }

    private async Task<(List<int> Taken, List<int> Choices)> RunOnceAsync(List<int> prefix, IReadOnlyList<Func<Task>> operations, CancellationToken cancellationToken)
    {
        var actors = operations.Select(_ => new Actor(this)).ToList();
        var tasks = operations.Select((operation, i) => Task.Run(async () =>
        {
            Current.Value = actors[i];
            try
            {
                await operation();
            }
            finally
            {
                actors[i].Done = true;
                _changed.Release();
            }
        }, cancellationToken)).ToList();

        var taken = new List<int>();
        var choices = new List<int>();
        while (true)
        {
            // Wait until every operation is paused at a call or finished. One that does neither for a while is waiting for
            // another (a lock, a cancelled write it awaits): let a paused one go. This only decides which schedules are
            // explored; every schedule that runs is checked the same way.
            while (!actors.All(a => a.Done || a.Parked))
            {
                if (!await _changed.WaitAsync(BlockedAfter, cancellationToken) && actors.Any(a => a.Parked && !a.Done))
                {
                    break;
                }
            }

            var parked = actors.Where(a => a.Parked && !a.Done).ToList();
            if (parked.Count == 0)
            {
                break;
            }

            // A replayed prefix can meet fewer paused operations when one was still blocked: take the last one then.
            var choice = Math.Min(taken.Count < prefix.Count ? prefix[taken.Count] : 0, parked.Count - 1);
            taken.Add(choice);
            choices.Add(parked.Count);
            parked[choice].Resume();
        }

        await Task.WhenAll(tasks);
        return (taken, choices);
    }

    private sealed class Actor(Interleavings owner)
    {
        private readonly SemaphoreSlim _go = new(0);

        public volatile bool Parked;

        public volatile bool Done;

        public async Task PauseAsync()
        {
            Parked = true;
            owner._changed.Release();
            await _go.WaitAsync();
        }

        public void Resume()
        {
            Parked = false;
            _go.Release();
        }
    }

    /// <summary>The pausing proxy; every method of the wrapped store returns a Task.</summary>
    public class SteppingProxy : DispatchProxy
    {
        private static readonly MethodInfo GatedOfT = typeof(SteppingProxy).GetMethod(nameof(GatedResultAsync), BindingFlags.NonPublic | BindingFlags.Static)!;
        private object _inner = null!;

        internal void Init(object inner, Interleavings owner) => _inner = inner;

        protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
        {
            var call = () => targetMethod!.Invoke(_inner, args);
            if (targetMethod!.ReturnType == typeof(Task))
            {
                return GatedAsync(call);
            }

            var result = targetMethod.ReturnType.GetGenericArguments()[0];
            return GatedOfT.MakeGenericMethod(result).Invoke(null, [call]);
        }

        private static async Task GatedAsync(Func<object?> call)
        {
            if (Current.Value is { } actor)
            {
                await actor.PauseAsync();
            }

            await (Task)call()!;
        }

        private static async Task<TResult> GatedResultAsync<TResult>(Func<object?> call)
        {
            if (Current.Value is { } actor)
            {
                await actor.PauseAsync();
            }

            return await (Task<TResult>)call()!;
        }
    }
}
