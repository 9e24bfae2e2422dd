using System.Diagnostics;

namespace ZkCompat.Bench;

/// <summary>
/// The measured interval in <see cref="Stopwatch"/> timestamps. An operation counts when it
/// completes inside it; warm-up before it and the drain after it are never measured.
/// </summary>
internal sealed class MeasureWindow
{
    private long _start = long.MaxValue;
    private long _end = long.MaxValue;

    public long Start => Volatile.Read(ref _start);

    public long End => Volatile.Read(ref _end);

    public bool Contains(long timestamp) => timestamp >= Start && timestamp < End;

    public void Open(long start, long end)
    {
        Volatile.Write(ref _end, end);
        Volatile.Write(ref _start, start);
    }

    public double Seconds => (End - Start) / (double)Stopwatch.Frequency;
}
