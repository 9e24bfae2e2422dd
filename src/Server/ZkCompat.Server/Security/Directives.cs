using System.Text;

namespace ZkCompat.Server.Security;

/// <summary>RFC 2831 directive lists: name=value or name="quoted \" value", separated by commas.</summary>
internal static class Directives
{
    public static Dictionary<string, string> Parse(string text)
    {
        var result = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var i = 0;
        while (i < text.Length)
        {
            while (i < text.Length && (text[i] == ',' || char.IsWhiteSpace(text[i])))
                i++;
            var eq = text.IndexOf('=', i);
            if (eq < 0)
                break;
            var name = text[i..eq].Trim();
            i = eq + 1;
            var value = new StringBuilder();
            if (i < text.Length && text[i] == '"')
            {
                for (i++; i < text.Length && text[i] != '"'; i++)
                    value.Append(text[i] == '\\' && i + 1 < text.Length ? text[++i] : text[i]);
                i++;
            }
            else
            {
                for (; i < text.Length && text[i] != ','; i++)
                    value.Append(text[i]);
            }

            result[name] = value.ToString().Trim();
        }

        return result;
    }
}
