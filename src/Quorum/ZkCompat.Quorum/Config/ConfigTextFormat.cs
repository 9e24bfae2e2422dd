using System.Globalization;
using System.Text;

namespace ZkCompat.Quorum.Config;

/// <summary>
/// Java's <c>QuorumMaj.toString()</c>: the membership text of FLE notifications, NEWLEADER and
/// <c>/zookeeper/config</c> (PROTOCOL.md §9.2). See <see cref="QuorumConfig.ConfigText"/> for the bytes.
/// </summary>
internal static class ConfigTextFormat
{
    public static string Format(IReadOnlyList<QuorumMember> members, long version)
    {
        var text = new StringBuilder();
        foreach (var member in InJavaHashMapOrder(members))
        {
            text.Append("server.").Append(member.Sid.ToString(CultureInfo.InvariantCulture)).Append('=')
                .Append(Delimited(member.Host)).Append(':').Append(member.QuorumPort.ToString(CultureInfo.InvariantCulture))
                .Append(':').Append(member.ElectionPort.ToString(CultureInfo.InvariantCulture))
                .Append(member.IsObserver ? ":observer" : ":participant");
            if (member.ClientPort is { } clientPort)
                text.Append(';').Append(Delimited(member.ClientHost ?? "0.0.0.0")).Append(':').Append(clientPort.ToString(CultureInfo.InvariantCulture));
            text.Append('\n');
        }

        return text.Append("version=").Append(version.ToString("x", CultureInfo.InvariantCulture)).ToString();
    }

    /// <summary>
    /// The iteration order of the java.util.HashMap&lt;Long, QuorumServer&gt; the members were put into,
    /// in list order: ascending bucket of the final table, insertion order within a bucket. The table
    /// starts at 16 and doubles when the size passes 3/4 of it, or when a ninth entry lands in one
    /// bucket of a table under 64 (where Java would otherwise make a tree bin).
    /// </summary>
    public static IEnumerable<QuorumMember> InJavaHashMapOrder(IReadOnlyList<QuorumMember> members)
    {
        var capacity = 16;
        for (var size = 0; size < members.Count; size++)
        {
            var bucket = Bucket(members[size].Sid, capacity);
            var before = 0;
            for (var i = 0; i < size; i++)
                before += Bucket(members[i].Sid, capacity) == bucket ? 1 : 0;
            if (before >= 8 && capacity < 64)
                capacity *= 2;
            if (size + 1 > capacity * 3 / 4)
                capacity *= 2;
        }

        return members.Select((member, index) => (member, index))
            .OrderBy(m => Bucket(m.member.Sid, capacity)).ThenBy(m => m.index).Select(m => m.member);
    }

    /// <summary>Long.hashCode, spread as HashMap.hash does, masked to the table.</summary>
    private static int Bucket(long sid, int capacity)
    {
        var h = (int)(sid ^ (long)((ulong)sid >> 32));
        return (h ^ (int)((uint)h >> 16)) & (capacity - 1);
    }

    /// <summary>QuorumServer.delimitedHostString: an IPv6 host goes in brackets.</summary>
    private static string Delimited(string host) => host.Contains(':', StringComparison.Ordinal) ? $"[{host}]" : host;
}
