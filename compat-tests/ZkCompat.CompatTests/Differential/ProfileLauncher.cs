using System.Diagnostics;
using ZkCompat.CompatTests.Servers;

namespace ZkCompat.CompatTests.Differential;

/// <summary>
/// Wraps a launcher with the extra configuration of a <see cref="ServerProfile"/> (Extended and Fresh get it). zoo.cfg keys Java
/// does not know become <c>zookeeper.&lt;key&gt;</c> properties (PROTOCOL.md §9.1), which is how
/// extendedTypesEnabled, the super digest and the 4lw whitelist are read. The container manager's
/// interval is a plain system property: Java gets it as a JVM flag, ZkCompat as the same -D option
/// before its zoo.cfg argument.
/// </summary>
internal sealed class ProfileLauncher(IServerLauncher inner, ServerProfile profile) : IServerLauncher
{
    /// <summary>Password "test" (PROTOCOL.md §6.2).</summary>
    public const string SuperDigest = "super:D/InIHSb7yEEbrWz8b9l71RjZJU=";

    private static readonly string[] s_extendedLines =
    [
        "extendedTypesEnabled=true",
        $"DigestAuthenticationProvider.superDigest={SuperDigest}",
        "4lw.commands.whitelist=*",
        "enforceQuota=true",
    ];

    private static readonly string[] s_extendedSystemProperties = ["-Dznode.container.checkIntervalMs=100"];

    public string Name => inner.Name;

    public IReadOnlyList<string> ExtraConfigLines =>
        profile == ServerProfile.Shared ? inner.ExtraConfigLines : [.. inner.ExtraConfigLines, .. s_extendedLines];

    public ProcessStartInfo CreateStartInfo(string workDir, string configPath)
    {
        var info = inner.CreateStartInfo(workDir, configPath);
        if (profile == ServerProfile.Shared)
            return info;
        // Java: JVM flags go before the class path; ZkCompat: -D options go before the zoo.cfg path.
        var at = info.ArgumentList.IndexOf("-cp");
        if (at < 0)
            at = info.ArgumentList.IndexOf(configPath);
        if (at < 0)
            throw new InvalidOperationException($"no place for system properties in: {string.Join(' ', info.ArgumentList)}");
        foreach (var flag in s_extendedSystemProperties.Reverse())
            info.ArgumentList.Insert(at, flag);
        return info;
    }
}
