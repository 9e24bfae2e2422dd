using System.IO.Compression;

namespace ZkCompat.Server.Persistence;

/// <summary>Names, setting values and streams of the <see cref="SnapshotCompression"/> modes.</summary>
internal static class SnapshotCodec
{
    /// <summary>The values zookeeper.snapshot.compression.method takes, as a message lists them.</summary>
    public const string Choices = "gz, snappy, or empty for none";

    public static string Extension(SnapshotCompression compression) => compression switch
    {
        SnapshotCompression.Gzip => ".gz",
        SnapshotCompression.Snappy => ".snappy",
        _ => "",
    };

    /// <summary>
    /// Reads the setting, as Java does ignoring case. Java takes any other value for "none" and
    /// writes plain snapshots; a misspelt method is refused here instead (docs/CONFIGURATION.md).
    /// </summary>
    public static bool TryParseSetting(string? value, out SnapshotCompression compression)
    {
        compression = value?.Trim().ToLowerInvariant() switch
        {
            null or "" => SnapshotCompression.None,
            "gz" => SnapshotCompression.Gzip,
            "snappy" => SnapshotCompression.Snappy,
            _ => (SnapshotCompression)(-1),
        };
        return Enum.IsDefined(compression);
    }

    /// <summary>
    /// The mode of a snapshot file name, by its last extension (ignoring case, as Java); null for a
    /// name that is not snapshot.&lt;hex&gt; with at most one of the known extensions.
    /// </summary>
    public static SnapshotCompression? OfName(string name)
    {
        var parts = name.Split('.');
        if (parts.Length == 2)
            return SnapshotCompression.None;
        if (parts.Length != 3)
            return null;
        return parts[2].ToLowerInvariant() switch
        {
            "gz" => SnapshotCompression.Gzip,
            "snappy" => SnapshotCompression.Snappy,
            _ => null,
        };
    }

    /// <summary>
    /// A stream that compresses into <paramref name="file"/> (null for none); disposing it
    /// finishes the compressed stream and leaves the file open.
    /// </summary>
    public static Stream? Compressing(Stream file, SnapshotCompression compression) => compression switch
    {
        // Java's GZIPOutputStream deflates at zlib's default level, which Optimal is.
        SnapshotCompression.Gzip => new GZipStream(file, CompressionLevel.Optimal, leaveOpen: true),
        SnapshotCompression.Snappy => new SnappyFraming.Writer(file),
        _ => null,
    };

    /// <summary>The uncompressed stream of a compressed snapshot file; throws <see cref="InvalidDataException"/> when it is damaged.</summary>
    public static ReadOnlyMemory<byte> Decompress(Stream file, SnapshotCompression compression)
    {
        if (compression == SnapshotCompression.Snappy)
        {
            var bytes = new byte[checked((int)file.Length)];
            file.ReadExactly(bytes);
            return SnappyFraming.Decode(bytes);
        }

        using var gzip = new GZipStream(file, CompressionMode.Decompress, leaveOpen: true);
        try
        {
            using var output = new MemoryStream(capacity: (int)Math.Min(file.Length * 4, Array.MaxLength));
            gzip.CopyTo(output);
            return output.GetBuffer().AsMemory(0, (int)output.Length);
        }
        catch (IOException e) when (e is not EndOfStreamException)
        {
            throw new InvalidDataException($"damaged gzip stream: {e.Message}", e);
        }
    }
}
