using System.Text.RegularExpressions;

namespace ZkCompat.Server.Security;

/// <summary>
/// The users of a JAAS login section for Java's DigestLoginModule: user_&lt;name&gt;="&lt;password&gt;"
/// options (java.security.auth.login.config, section zookeeper.sasl.serverconfig, default Server).
/// </summary>
internal static partial class JaasUsers
{
    public static Dictionary<string, string> Read(string path, string section)
    {
        var text = StripComments(File.ReadAllText(path));
        var match = Regex.Match(text, @"(?:^|[\s;}])" + Regex.Escape(section) + @"\s*\{(?<body>.*?)\}\s*;", RegexOptions.Singleline);
        if (!match.Success)
            throw new InvalidDataException($"{path} has no '{section}' section");
        var users = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (Match user in UserOption().Matches(match.Groups["body"].Value))
            users[user.Groups["name"].Value] = user.Groups["password"].Value;
        return users;
    }

    private static string StripComments(string text) =>
        Regex.Replace(text, @"/\*.*?\*/|//[^\n]*", "", RegexOptions.Singleline);

    [GeneratedRegex("user_(?<name>[^\\s=]+)\\s*=\\s*\"(?<password>[^\"]*)\"")]
    private static partial Regex UserOption();
}
