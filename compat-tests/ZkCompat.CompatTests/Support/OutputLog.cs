using System.Diagnostics;
using System.Text;

namespace ZkCompat.CompatTests.Support;

/// <summary>
/// Collects a child process's stdout and stderr lines, in arrival order, for failure messages.
/// Keeps at most <see cref="MaxChars"/> characters, dropping the oldest lines first.
/// </summary>
internal sealed class OutputLog
{
    private const int MaxChars = 4 * 1024 * 1024;

    private readonly Lock _gate = new();
    private readonly LinkedList<string> _lines = new();
    private int _chars;

    public void Attach(Process process)
    {
        process.OutputDataReceived += (_, e) => Add(e.Data);
        process.ErrorDataReceived += (_, e) => Add(e.Data);
    }

    public bool Contains(string text)
    {
        lock (_gate)
        {
            return _lines.Any(line => line.Contains(text, StringComparison.OrdinalIgnoreCase));
        }
    }

    /// <summary>How many lines hold <paramref name="text"/> (case-insensitive).</summary>
    public int Count(string text)
    {
        lock (_gate)
        {
            return _lines.Count(line => line.Contains(text, StringComparison.OrdinalIgnoreCase));
        }
    }

    /// <summary>The first line that holds <paramref name="text"/> (case-insensitive), or null.</summary>
    public string? FirstLine(string text)
    {
        lock (_gate)
        {
            return _lines.FirstOrDefault(line => line.Contains(text, StringComparison.OrdinalIgnoreCase));
        }
    }

    /// <summary>The last <paramref name="maxChars"/> characters, cut at a line start.</summary>
    public string Tail(int maxChars)
    {
        lock (_gate)
        {
            var picked = new List<string>();
            var total = 0;
            for (var node = _lines.Last; node is not null && total + node.Value.Length < maxChars; node = node.Previous)
            {
                picked.Add(node.Value);
                total += node.Value.Length + 1;
            }

            picked.Reverse();
            var text = new StringBuilder();
            if (picked.Count < _lines.Count)
            {
                text.Append("[... ").Append(_lines.Count - picked.Count).AppendLine(" earlier lines cut ...]");
            }

            foreach (var line in picked)
            {
                text.AppendLine(line);
            }

            return text.ToString();
        }
    }

    private void Add(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_gate)
        {
            _lines.AddLast(line);
            _chars += line.Length;
            while (_chars > MaxChars && _lines.First is { } oldest)
            {
                _chars -= oldest.Value.Length;
                _lines.RemoveFirst();
            }
        }
    }
}
