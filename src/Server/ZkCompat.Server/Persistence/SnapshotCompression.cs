namespace ZkCompat.Server.Persistence;

/// <summary>
/// How a snapshot file's stream is stored: Java's SnapStream modes, chosen for writing by
/// zookeeper.snapshot.compression.method and recognised when reading by the file name's last
/// extension (PROTOCOL.md §12.3). The Adler-32 seals are over the uncompressed bytes.
/// </summary>
internal enum SnapshotCompression
{
    /// <summary>snapshot.&lt;zxid&gt;: the stream as it is.</summary>
    None,

    /// <summary>snapshot.&lt;zxid&gt;.gz: one gzip stream (RFC 1952), as java.util.zip writes it.</summary>
    Gzip,

    /// <summary>snapshot.&lt;zxid&gt;.snappy: snappy-java's framing (<see cref="SnappyFraming"/>).</summary>
    Snappy,
}
