using System.Text;

namespace ZkCompat.Quorum.Config;

/// <summary>The membership text sent in notifications and NEWLEADER (§10.2, §11.2): Java's config text.</summary>
internal static class MembershipText
{
    public static byte[] ConfigBytes(this QuorumConfig config) => Encoding.UTF8.GetBytes(config.ConfigText);
}
