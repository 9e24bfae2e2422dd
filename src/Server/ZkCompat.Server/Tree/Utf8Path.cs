using System.Buffers;
using System.Text;

namespace ZkCompat.Server.Tree;

/// <summary>
/// The tree keeps every path once, as UTF-8 bytes (a 34-character path: 64 bytes instead of a
/// 96-byte string), as snapshots and digests spell it. This comparer lets the tree's tables be
/// looked up by a request's <see cref="string"/> path or a snapshot's bytes without making a key:
/// both hash and compare as UTF-8. Valid paths hold no surrogates (PathRules), so the encoding is
/// exact both ways.
/// </summary>
internal sealed class Utf8Path :
    IEqualityComparer<byte[]>,
    IAlternateEqualityComparer<ReadOnlySpan<char>, byte[]>,
    IAlternateEqualityComparer<ReadOnlySpan<byte>, byte[]>
{
    /// <summary>Paths up to this many chars are encoded on the stack for a lookup.</summary>
    private const int StackChars = 256;

    public static readonly Utf8Path Comparer = new();

    public static readonly byte[] Root = "/"u8.ToArray();

    public static byte[] Encode(string path) => Encoding.UTF8.GetBytes(path);

    public static string Decode(byte[] path) => Encoding.UTF8.GetString(path);

    /// <summary>The last segment: what follows the last slash.</summary>
    public static string Name(byte[] path) => Encoding.UTF8.GetString(path.AsSpan(path.AsSpan().LastIndexOf((byte)'/') + 1));

    /// <summary>The parent's path as a span of <paramref name="path"/> ("/" for a top-level node).</summary>
    public static ReadOnlySpan<byte> ParentOf(ReadOnlySpan<byte> path)
    {
        var slash = path.LastIndexOf((byte)'/');
        return slash <= 0 ? Root : path[..slash];
    }

    public bool Equals(byte[]? x, byte[]? y) => ReferenceEquals(x, y) || (x is not null && y is not null && x.AsSpan().SequenceEqual(y));

    public int GetHashCode(byte[] obj) => GetHashCode((ReadOnlySpan<byte>)obj);

    public int GetHashCode(ReadOnlySpan<byte> alternate)
    {
        var hash = default(HashCode);
        hash.AddBytes(alternate);
        return hash.ToHashCode();
    }

    public bool Equals(ReadOnlySpan<byte> alternate, byte[] other) => alternate.SequenceEqual(other);

    public byte[] Create(ReadOnlySpan<byte> alternate) => alternate.ToArray();

    public int GetHashCode(ReadOnlySpan<char> alternate)
    {
        byte[]? rented = null;
        var bytes = alternate.Length <= StackChars ? stackalloc byte[StackChars * 3] : (rented = ArrayPool<byte>.Shared.Rent(alternate.Length * 3));
        var hash = GetHashCode(bytes[..Encoding.UTF8.GetBytes(alternate, bytes)]);
        if (rented is not null)
            ArrayPool<byte>.Shared.Return(rented);
        return hash;
    }

    public bool Equals(ReadOnlySpan<char> alternate, byte[] other)
    {
        // Each char is one to three UTF-8 bytes: a quick length bound before encoding.
        if (other.Length < alternate.Length || other.Length > alternate.Length * 3)
            return false;
        byte[]? rented = null;
        var bytes = alternate.Length <= StackChars ? stackalloc byte[StackChars * 3] : (rented = ArrayPool<byte>.Shared.Rent(alternate.Length * 3));
        var equal = bytes[..Encoding.UTF8.GetBytes(alternate, bytes)].SequenceEqual(other);
        if (rented is not null)
            ArrayPool<byte>.Shared.Return(rented);
        return equal;
    }

    public byte[] Create(ReadOnlySpan<char> alternate)
    {
        var bytes = new byte[Encoding.UTF8.GetByteCount(alternate)];
        Encoding.UTF8.GetBytes(alternate, bytes);
        return bytes;
    }
}
