namespace ZkCompat.Server.Host.Config;

/// <summary>-Dkey=value options, as a JVM takes them (a bare -Dkey means an empty value).</summary>
internal static class SystemProperties
{
    public static Dictionary<string, string> Parse(IEnumerable<string> options)
    {
        var properties = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var option in options)
        {
            var body = option[2..];
            var eq = body.IndexOf('=');
            if (body.Length > 0)
                properties[eq < 0 ? body : body[..eq]] = eq < 0 ? "" : body[(eq + 1)..];
        }

        return properties;
    }
}
