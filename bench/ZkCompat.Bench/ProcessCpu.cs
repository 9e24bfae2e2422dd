using System.Globalization;

namespace ZkCompat.Bench;

/// <summary>A process's CPU time (user + system) from /proc/PID/stat, in seconds; null when unreadable.</summary>
internal static class ProcessCpu
{
    /// <summary>USER_HZ: the unit of utime and stime on Linux.</summary>
    private const double TicksPerSecond = 100;

    public static double? Seconds(int? pid)
    {
        if (pid is null)
            return null;
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            // Fields after the command name (which may hold spaces) start at field 3; utime is 14, stime 15.
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            var utime = long.Parse(fields[11], CultureInfo.InvariantCulture);
            var stime = long.Parse(fields[12], CultureInfo.InvariantCulture);
            return (utime + stime) / TicksPerSecond;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
        {
            return null;
        }
    }
}
