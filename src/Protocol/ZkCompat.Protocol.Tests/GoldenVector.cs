using System.Buffers;
using ZkCompat.Protocol.Codes;
using ZkCompat.Protocol.Jute;
using ZkCompat.Protocol.Records;

namespace ZkCompat.Protocol.Tests;

/// <summary>
/// One frame recorded from the Java client and Java 3.8.0 server, named
/// <c>&lt;c2s|s2c&gt;.&lt;kind&gt;[.&lt;variant&gt;].hex</c> (see Golden/README.md).
/// </summary>
public sealed record GoldenVector(string Name, bool FromClient, string Kind, byte[] Payload)
{
    public static string Directory => Path.Combine(AppContext.BaseDirectory, "Golden");

    public static IEnumerable<GoldenVector> All() =>
        System.IO.Directory.EnumerateFiles(Directory, "*.hex").Order(StringComparer.Ordinal).Select(Load);

    public static GoldenVector Load(string file)
    {
        var name = Path.GetFileNameWithoutExtension(file);
        var parts = name.Split('.');
        var payload = Convert.FromHexString(File.ReadAllText(file).Trim());
        return new GoldenVector(name, parts[0] == "c2s", parts[1], payload);
    }

    public OpCode Op => Kind switch
    {
        "connect" or "notification" => OpCode.Notification,
        _ => Enum.Parse<OpCode>(Kind, ignoreCase: true),
    };

    /// <summary>Decodes the frame as its kind and writes it back; the result must equal the input.</summary>
    public byte[] DecodeAndEncode(ReadOnlySequence<byte> payload)
    {
        var reader = new JuteReader(payload);
        var parts = Decode(ref reader);
        if (!reader.End)
            throw new ProtocolException($"{reader.Remaining} bytes left after decoding {Name}");
        var output = new ArrayBufferWriter<byte>();
        var writer = new JuteWriter(output);
        foreach (var part in parts)
            part.Write(writer);
        return output.WrittenSpan.ToArray();
    }

    private List<IJuteWritable> Decode(ref JuteReader reader)
    {
        if (Kind == "connect")
            return DecodeConnect(ref reader);
        if (FromClient)
        {
            var header = RequestHeader.Read(ref reader);
            if (header.Type != Op)
                throw new ProtocolException($"{Name}: header says {header.Type}");
            if (!Requests.TryReadRequest(header.Type, ref reader, out var body))
                throw new ProtocolException($"{Name}: unknown op");
            return body is null ? [header] : [header, body];
        }

        var reply = ReplyHeader.Read(ref reader);
        if (Kind == "notification")
            return [reply, WatcherEvent.Read(ref reader)];
        if (reply.Err != ErrorCode.Ok)
            return [reply];
        var response = Requests.ReadResponse(Op, ref reader);
        return response is null ? [reply] : [reply, response];
    }

    private List<IJuteWritable> DecodeConnect(ref JuteReader reader)
    {
        IJuteWritable record = FromClient ? ConnectRequest.Read(ref reader) : ConnectResponse.Read(ref reader);
        return reader.TryReadBool(out var readOnly) ? [record, new ReadOnlyFlag(readOnly)] : [record];
    }

    private sealed record ReadOnlyFlag(bool Value) : IJuteWritable
    {
        public void Write(JuteWriter writer) => writer.WriteBool(Value);
    }

    public override string ToString() => Name;
}
