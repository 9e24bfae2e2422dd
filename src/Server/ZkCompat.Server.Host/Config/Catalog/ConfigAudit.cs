using Microsoft.Extensions.Logging;

namespace ZkCompat.Server.Host.Config.Catalog;

/// <summary>
/// Holds every zoo.cfg line and -D property against <see cref="ConfigCatalog"/>: a refused
/// setting stops the start, an ignored or unknown one is one WARN line naming it and why, so
/// nothing is dropped silently.
/// </summary>
internal static class ConfigAudit
{
    public static void Check(
        IEnumerable<(string Key, string Value, int Line)> entries, IReadOnlyDictionary<string, string> systemProperties, bool quorum, List<ConfigNote> notes)
    {
        foreach (var (key, value, line) in entries)
        {
            var (entry, property) = ConfigCatalog.ForZooCfgKey(key);
            var where = $"line {line}: {key}";
            if (entry is null)
                notes.Add(Warn($"{where} is not a ZooKeeper 3.8 setting (Java keeps it as the system property {property}, which nothing reads); ignored"));
            else
                Apply(entry, where, value, quorum, notes);
        }

        foreach (var (name, value) in systemProperties.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            var where = $"-D{name}";
            if (ConfigCatalog.ForProperty(name) is { } entry)
                Apply(entry, where, value, quorum, notes);
            else if (ConfigCatalog.IsZooCfgKey(name))
                notes.Add(Warn($"{where}: {name} is a zoo.cfg key, which Java does not read as a system property; ignored"));
            else
                notes.Add(Warn($"{where} is not a ZooKeeper 3.8 setting; ignored"));
        }
    }

    private static void Apply(ConfigKey entry, string where, string value, bool quorum, List<ConfigNote> notes)
    {
        switch (entry.Status)
        {
            case KeyStatus.Ignored:
                notes.Add(Warn($"{where} is ignored: {entry.Note}"));
                break;
            case KeyStatus.Refused when entry.Harmless?.Invoke(value, quorum) != true:
                throw new ConfigException($"{where}={value} cannot be honoured by ZkCompat: {entry.Note}"
                    + (entry.HarmlessText is { } harmless ? $" (it takes {harmless})" : ""));
        }
    }

    private static ConfigNote Warn(string text) => new(LogLevel.Warning, text);
}
