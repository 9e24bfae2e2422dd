using System.Buffers;
using System.Buffers.Binary;
using System.Text;
using ZkCompat.Protocol.Codes;
using ZkCompat.Protocol.Jute;
using ZkCompat.Protocol.Records;
using ZkCompat.Server.Processing;

namespace ZkCompat.Server.Net;

/// <summary>
/// Decodes one connection's request frames (PROTOCOL.md §3.1). Reads of a path (exists, getData,
/// getChildren) are the hot path: their immutable request record is kept per path and watch
/// flag, so a client reading the same znodes again allocates no path string and no record.
/// Anything unusual takes the general reader, which owns every error rule.
/// </summary>
internal sealed class RequestDecoder(IClientChannel channel)
{
    /// <summary>Distinct paths remembered per connection; past it the cache starts over.</summary>
    private const int MaxCachedPaths = 1024;
    private const int MaxCachedPathBytes = 512;

    private readonly Dictionary<string, PathWatchRequest> _unwatched = new(StringComparer.Ordinal);
    private readonly Dictionary<string, PathWatchRequest> _watched = new(StringComparer.Ordinal);

    public ClientRequest Decode(ReadOnlySequence<byte> frame)
    {
        var reader = new JuteReader(frame);
        var xid = reader.ReadInt();
        var op = (OpCode)reader.ReadInt();
        if (op is OpCode.Exists or OpCode.GetData or OpCode.GetChildren or OpCode.GetChildren2
            && frame.IsSingleSegment && TryPathWatch(frame.FirstSpan[8..]) is { } cached)
        {
            return new ClientRequest(channel, xid, op, cached, Malformed: false);
        }

        try
        {
            return Requests.TryReadRequest(op, ref reader, out var body)
                ? new ClientRequest(channel, xid, op, body, Malformed: false)
                : new ClientRequest(channel, xid, op, null, Malformed: false);
        }
        catch (ProtocolException) when (op != OpCode.Auth)
        {
            // Java answers an unreadable record with MARSHALLINGERROR; a bad auth packet closes.
            return new ClientRequest(channel, xid, op, null, Malformed: true);
        }
    }

    /// <summary>The cached record for a well-formed path + watch body; null sends it the general way.</summary>
    private PathWatchRequest? TryPathWatch(ReadOnlySpan<byte> body)
    {
        if (body.Length < 5)
            return null;
        var length = BinaryPrimitives.ReadInt32BigEndian(body);
        if (length is < 0 or > MaxCachedPathBytes || body.Length < 4 + length + 1)
            return null;
        var utf8 = body.Slice(4, length);
        var watch = body[4 + length] != 0;
        var cache = watch ? _watched : _unwatched;
        Span<char> chars = stackalloc char[MaxCachedPathBytes];
        var path = chars[..Encoding.UTF8.GetChars(utf8, chars)];
        if (cache.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(path, out var request))
            return request;
        if (cache.Count >= MaxCachedPaths)
            cache.Clear();
        request = new PathWatchRequest(path.ToString(), watch);
        cache[request.Path] = request;
        return request;
    }
}
