using ZkCompat.Server.Host.Config;

namespace ZkCompat.Server.Tests;

/// <summary>zoo.cfg text for the quorum tests: a header of four lines (tickTime, initLimit, syncLimit, dataDir=/d), then the lines given from line 5.</summary>
internal static class QuorumZooCfg
{
    public const string Three = "server.1=127.0.0.1:3001:4001;2181\nserver.2=127.0.0.1:3002:4002;2182\nserver.3=127.0.0.1:3003:4003;2183";

    public static (HostConfig Config, List<ConfigNote> Notes) Parse(string? myid, params string[] lines) =>
        Parse(myid, new Dictionary<string, string>(), null, lines);

    /// <param name="myid">The text of /d/myid, or null for no such file.</param>
    /// <param name="files">Other files by full path, e.g. a dynamicConfigFile under /base.</param>
    public static (HostConfig Config, List<ConfigNote> Notes) Parse(
        string? myid, Dictionary<string, string> files, IReadOnlyDictionary<string, string>? systemProperties, params string[] lines)
    {
        string[] header = ["tickTime=500", "initLimit=10", "syncLimit=5", "dataDir=/d"];
        return ZooCfg.Parse(
            [.. header, .. lines.SelectMany(l => l.Split('\n'))],
            "/base",
            systemProperties,
            path => path == "/d/myid" ? myid : files.GetValueOrDefault(path));
    }

    public static ConfigException Fails(string? myid, params string[] lines) =>
        Assert.Throws<ConfigException>(() => Parse(myid, lines));
}
