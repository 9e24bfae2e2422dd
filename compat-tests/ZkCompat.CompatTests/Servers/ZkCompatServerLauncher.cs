using System.Diagnostics;

namespace ZkCompat.CompatTests.Servers;

/// <summary>
/// Runs this repository's server: <c>dotnet zkcompat.dll &lt;zoo.cfg&gt;</c>, built by the project
/// reference; or a given executable (the release build), or the one <c>ZKCOMPAT_BIN</c> names (as
/// for bin/zkServer.sh), so the whole suite can run against the release build.
/// </summary>
internal sealed class ZkCompatServerLauncher(string? executable = null) : IServerLauncher
{
    public string Name => "zkcompat";

    // A drop-in replacement reads the same zoo.cfg; only the keys every server needs are given.
    public IReadOnlyList<string> ExtraConfigLines { get; } = [];

    public ProcessStartInfo CreateStartInfo(string workDir, string configPath)
    {
        if ((executable ?? Environment.GetEnvironmentVariable("ZKCOMPAT_BIN")) is { Length: > 0 } program)
        {
            var release = ServerCommand.Bounded(Path.GetFullPath(program));
            release.ArgumentList.Add(configPath);
            return release;
        }

        var dll = Path.Combine(AppContext.BaseDirectory, "zkcompat.dll");
        if (!File.Exists(dll))
        {
            throw new InvalidOperationException($"{dll} is missing: build ZkCompat.Server.Host (the project reference should copy it).");
        }

        // The dotnet CLI tells child processes which host started them; fall back to PATH.
        var dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";
        var info = ServerCommand.Bounded(dotnet);
        info.ArgumentList.Add(dll);
        info.ArgumentList.Add(configPath);
        return info;
    }

    /// <summary>zkcompat takes -D options anywhere after its dll (the dotnet host would take them before it).</summary>
    public void AddSystemProperty(ProcessStartInfo info, string option) => info.ArgumentList.Add(option);
}
