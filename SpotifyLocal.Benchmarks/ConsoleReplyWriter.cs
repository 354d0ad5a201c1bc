using System.Diagnostics;
using System.Text;

namespace SpotifyLocal.Benchmarks;

/// <summary>
/// The console adapter's stdout in the benchmark: keeps the lines of the current reply and notes the <see cref="Stopwatch"/>
/// timestamp of the line saying a chart was written (the adapter prints it once the PNG is on disk).
/// </summary>
internal sealed class ConsoleReplyWriter : TextWriter
{
    private readonly Lock _gate = new();
    private readonly StringBuilder _partial = new();
    private readonly List<string> _lines = [];
    private TaskCompletionSource<long> _chart = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public override Encoding Encoding => Encoding.UTF8;

    /// <summary>Forgets what was printed and returns a task ending with the timestamp of the next "Chart written to" line.</summary>
    public Task<long> NextChart()
    {
        lock (_gate)
        {
            _lines.Clear();
            _chart = new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously);
            return _chart.Task;
        }
    }

    /// <summary>The lines printed since <see cref="NextChart"/>.</summary>
    public IReadOnlyList<string> Lines
    {
        get
        {
            lock (_gate)
            {
                return [.. _lines];
            }
        }
    }

    public override void Write(char value)
    {
        lock (_gate)
        {
            if (value != '\n')
            {
                _partial.Append(value);
                return;
            }

            var line = _partial.ToString().TrimEnd('\r');
            _partial.Clear();
            _lines.Add(line);
            if (line.StartsWith("Chart written to ", StringComparison.Ordinal))
            {
                _chart.TrySetResult(Stopwatch.GetTimestamp());
            }
        }
    }

    public override void Write(string? value)
    {
        foreach (var c in value ?? "")
        {
            Write(c);
        }
    }

    public override void WriteLine(string? value) => Write(value + "\n");

    // The adapter writes asynchronously; the base class would queue each write to the thread pool.
    public override Task WriteAsync(string? value)
    {
        Write(value);
        return Task.CompletedTask;
    }

    public override Task WriteLineAsync(string? value)
    {
        WriteLine(value);
        return Task.CompletedTask;
    }

    public override Task FlushAsync() => Task.CompletedTask;

    public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
