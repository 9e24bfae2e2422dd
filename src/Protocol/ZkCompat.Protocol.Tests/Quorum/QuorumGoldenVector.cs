using System.Buffers;
using ZkCompat.Protocol.Jute;
using ZkCompat.Protocol.Quorum;

namespace ZkCompat.Protocol.Tests.Quorum;

/// <summary>
/// One message recorded from a live Java 3.8.0 ensemble by tools/quorum-recorder, stored as
/// Golden/Quorum/&lt;sender&gt;.&lt;kind&gt;[.&lt;variant&gt;].hex: a '#' comment line, then hex.
/// </summary>
public sealed record QuorumGoldenVector(string Name, string Sender, string Kind, string Comment, byte[] Bytes)
{
    public static string Directory => Path.Combine(AppContext.BaseDirectory, "Golden", "Quorum");

    public static IEnumerable<QuorumGoldenVector> All() =>
        System.IO.Directory.EnumerateFiles(Directory, "*.hex").Order(StringComparer.Ordinal).Select(Load);

    public static QuorumGoldenVector Load(string file)
    {
        var name = Path.GetFileNameWithoutExtension(file);
        var lines = File.ReadAllLines(file);
        var comment = lines.Single(l => l.StartsWith('#'));
        var hex = string.Concat(lines.Where(l => !l.StartsWith('#'))).Trim();
        var parts = name.Split('.');
        return new(name, parts[0], parts[1], comment, Convert.FromHexString(hex));
    }

    public static QuorumGoldenVector Named(string name) => Load(Path.Combine(Directory, name + ".hex"));

    public bool IsHello => Sender == "election" && Kind == "hello";

    public bool IsNotification => Sender == "election" && Kind == "notification";

    public bool IsSnapshotStream => Kind == "snapStream";

    public bool IsQuorumPacket => Sender != "election" && !IsSnapshotStream;

    /// <summary>
    /// Reads the vector with the reader for its kind from <paramref name="buffer"/>: false when it
    /// needs more bytes; when complete, the buffer is advanced and the re-encoded bytes returned.
    /// </summary>
    public bool TryDecodeAndEncode(ref ReadOnlySequence<byte> buffer, out byte[] encoded)
    {
        encoded = [];
        if (IsHello)
        {
            if (!ElectionHello.TryRead(ref buffer, out var hello))
                return false;
            encoded = hello!.ToBytes();
        }
        else if (IsNotification)
        {
            if (!ElectionFrame.TryRead(ref buffer, out var payload))
                return false;
            if (!Notification.TryParse(payload.ToArray(), out var notification))
                throw new ProtocolException($"{Name}: notification dropped");
            encoded = ElectionFrame.Frame(notification!.ToPayload());
        }
        else if (IsQuorumPacket)
        {
            if (!QuorumPacket.TryRead(ref buffer, QuorumPacket.DefaultMaxDataBytes, out var packet))
                return false;
            encoded = QuorumPacket.ToBytes(packet!);
        }
        else
        {
            throw new InvalidOperationException($"{Name} has no incremental reader");
        }

        return true;
    }

    public QuorumPacket ToPacket()
    {
        var buffer = new ReadOnlySequence<byte>(Bytes);
        if (!QuorumPacket.TryRead(ref buffer, QuorumPacket.DefaultMaxDataBytes, out var packet) || buffer.Length != 0)
            throw new ProtocolException($"{Name} is not exactly one packet");
        return packet!;
    }

    public Notification ToNotification()
    {
        var buffer = new ReadOnlySequence<byte>(Bytes);
        if (!ElectionFrame.TryRead(ref buffer, out var payload) || !Notification.TryParse(payload.ToArray(), out var n))
            throw new ProtocolException($"{Name} is not a notification");
        return n!;
    }

    public override string ToString() => Name;
}
