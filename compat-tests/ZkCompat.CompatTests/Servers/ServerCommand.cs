using System.Diagnostics;

namespace ZkCompat.CompatTests.Servers;

internal static class ServerCommand
{
    /// <summary>
    /// A server outlives nothing: tests kill it, and coreutils' timeout ends it anyway
    /// if the test process itself dies before it could.
    /// </summary>
    public static readonly TimeSpan MaxLifetime = TimeSpan.FromMinutes(15);

    public static ProcessStartInfo Bounded(string program)
    {
        var info = new ProcessStartInfo("timeout")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add("--kill-after=5");
        info.ArgumentList.Add($"{(int)MaxLifetime.TotalSeconds}");
        info.ArgumentList.Add(program);
        return info;
    }
}
