using ZkCompat.Quorum.Config;

namespace ZkCompat.Server.Host.Config;

/// <summary>
/// The server.N lines, from zoo.cfg or from its dynamicConfigFile, parsed into members in the order
/// Java's QuorumMaj receives them (see <see cref="JavaPropertiesOrder"/>), with the config version.
/// </summary>
internal static class Membership
{
    /// <param name="zooCfgKeys">Every zoo.cfg key in file order: all of them place the server keys in Java's walk.</param>
    /// <param name="multiAddressEnabled">The JVM property zookeeper.multiAddress.enabled.</param>
    public static (List<QuorumMember> Members, long Version) Read(
        QuorumKeys keys, IEnumerable<string> zooCfgKeys, string baseDir, Func<string, string?> readFile, bool multiAddressEnabled)
    {
        if (keys.DynamicConfigFile is not { } dynamic)
            return (Parse(keys.Servers, JavaPropertiesOrder.Walk(zooCfgKeys), "line {0}", multiAddressEnabled), 0);

        var path = Path.GetFullPath(dynamic.Path, baseDir);
        var text = readFile(path)
            ?? throw new ConfigException($"line {dynamic.Line}: Error processing {dynamic.Path}: dynamicConfigFile {path} is missing");
        var servers = new Dictionary<string, (string Value, int Line)>(StringComparer.Ordinal);
        var fileKeys = new List<string>();
        var entries = PropertiesFile.Parse(text.ReplaceLineEndings("\n").Split('\n'));
        if (entries.Exists(e => e.Key == "version"))
            throw new ConfigException($"{dynamic.Path}: dynamic file shouldn't have version inside");
        foreach (var (key, value, line) in entries)
        {
            if (key.StartsWith("group", StringComparison.Ordinal) || key.StartsWith("weight", StringComparison.Ordinal))
                throw QuorumKeys.Hierarchical(key, $"{dynamic.Path} line {line}");
            if (!key.StartsWith("server.", StringComparison.Ordinal))
                throw new ConfigException($"{dynamic.Path} line {line}: Unrecognised parameter: {key}");
            servers[key] = (value, line);
            fileKeys.Add(key);
        }

        var version = VersionFromFileName(dynamic.Path);
        if (version is not null)
            fileKeys.Add("version");
        var members = Parse(servers, JavaPropertiesOrder.Walk(fileKeys), dynamic.Path + " line {0}", multiAddressEnabled);
        return (members, version ?? 0);
    }

    /// <summary>
    /// QuorumPeerConfig.getVersionFromFilename: the text after the last '.', read as a hex long
    /// (zoo.cfg.dynamic.100000000 → 0x100000000); none when it is not one.
    /// </summary>
    public static long? VersionFromFileName(string path)
    {
        var dot = path.LastIndexOf('.');
        return dot >= 0 && JavaSyntax.TryParseHexLong(path[(dot + 1)..], out var version) ? version : null;
    }

    private static List<QuorumMember> Parse(
        Dictionary<string, (string Value, int Line)> servers, List<string> walk, string whereFormat, bool multiAddressEnabled)
    {
        var members = new List<QuorumMember>();
        var keyOfSid = new Dictionary<long, string>();
        foreach (var key in walk.Where(servers.ContainsKey))
        {
            var (value, line) = servers[key];
            var where = string.Format(System.Globalization.CultureInfo.InvariantCulture, whereFormat, line);
            QuorumMember member;
            try
            {
                member = ServerLine.Parse(key, value, multiAddressEnabled);
            }
            catch (ConfigException e)
            {
                throw new ConfigException($"{where}: {key}={value}: {e.Message}", e);
            }

            // Java keeps one of the two, whichever its hash walk meets last; naming both is kinder.
            if (!keyOfSid.TryAdd(member.Sid, key))
                throw new ConfigException($"{where}: {key} and {keyOfSid[member.Sid]} are the same server id {member.Sid}");
            members.Add(member);
        }

        return members;
    }
}
