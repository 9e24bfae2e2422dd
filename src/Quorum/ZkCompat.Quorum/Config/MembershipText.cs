using System.Text;

namespace ZkCompat.Quorum.Config;

/// <summary>The membership text sent in notifications and NEWLEADER (§10.2, §11.2).</summary>
internal static class MembershipText
{
    public static byte[] ConfigBytes(this QuorumConfig config)
    {
        var text = new StringBuilder();
        foreach (var m in config.Members)
        {
            text.Append("server.").Append(m.Sid).Append('=').Append(m.Host).Append(':').Append(m.QuorumPort)
                .Append(':').Append(m.ElectionPort).Append(m.IsObserver ? ":observer" : ":participant");
            if (m.ClientPort is { } port)
                text.Append(';').Append(m.ClientHost ?? "0.0.0.0").Append(':').Append(port);
            text.Append('\n');
        }

        text.Append("version=0");
        return Encoding.UTF8.GetBytes(text.ToString());
    }
}
