using System.Threading.Channels;

namespace SpotifyLocal.Benchmarks;

/// <summary>The console adapter's stdin in the benchmark: lines typed one at a time, and a signal when the adapter waits for the next.</summary>
internal sealed class ScriptedConsoleInput : TextReader
{
    private readonly Channel<string> _lines = Channel.CreateUnbounded<string>();
    private readonly Lock _gate = new();
    private TaskCompletionSource _reading = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Ends when the adapter is waiting for a line (it has printed its last reply whole).</summary>
    public Task Reading
    {
        get
        {
            lock (_gate)
            {
                return _reading.Task;
            }
        }
    }

    public void Type(string line)
    {
        lock (_gate)
        {
            _reading = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        _lines.Writer.TryWrite(line);
    }

    /// <summary>Ends the input, as closing stdin does: the adapter stops the host.</summary>
    public void End() => _lines.Writer.TryComplete();

    public override ValueTask<string?> ReadLineAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (_lines.Reader.Count == 0)
            {
                _reading.TrySetResult();
            }
        }

        return ReadAsync(cancellationToken);
    }

    public override Task<string?> ReadLineAsync() => ReadLineAsync(CancellationToken.None).AsTask();

    private async ValueTask<string?> ReadAsync(CancellationToken cancellationToken) =>
        await _lines.Reader.WaitToReadAsync(cancellationToken) && _lines.Reader.TryRead(out var line) ? line : null;
}
