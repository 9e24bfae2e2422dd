using System.Buffers;
using System.Buffers.Binary;
using ZkCompat.Protocol.Codes;
using ZkCompat.Protocol.Framing;

namespace ZkCompat.Protocol.Tests;

public class GoldenVectorTests
{
    public static TheoryData<string> Vectors()
    {
        var data = new TheoryData<string>();
        foreach (var vector in GoldenVector.All())
            data.Add(vector.Name);
        return data;
    }

    [Theory]
    [MemberData(nameof(Vectors))]
    public void Vector_DecodesAndReencodesByteIdentical(string name)
    {
        var vector = Load(name);
        var encoded = vector.DecodeAndEncode(new ReadOnlySequence<byte>(vector.Payload));
        Assert.Equal(Convert.ToHexString(vector.Payload), Convert.ToHexString(encoded));
    }

    [Theory]
    [MemberData(nameof(Vectors))]
    public void Vector_SplitAtEveryByte_DecodesTheSame(string name)
    {
        var vector = Load(name);
        for (var at = 1; at < vector.Payload.Length; at++)
        {
            var encoded = vector.DecodeAndEncode(Segments.Split(vector.Payload, at));
            Assert.True(vector.Payload.AsSpan().SequenceEqual(encoded), $"split at {at}");
        }
    }

    [Theory]
    [MemberData(nameof(Vectors))]
    public void Framed_SplitAtEveryByte_YieldsOneWholeFrame(string name)
    {
        var payload = Load(name).Payload;
        var framed = new byte[payload.Length + 4];
        BinaryPrimitives.WriteInt32BigEndian(framed, payload.Length);
        payload.CopyTo(framed, 4);
        for (var at = 0; at <= framed.Length; at++)
        {
            var partial = new ReadOnlySequence<byte>(framed, 0, at);
            Assert.False(FrameReader.TryReadFrame(ref partial, FrameReader.DefaultMaxFrameBytes, out _) && at < framed.Length);
            var whole = Segments.Split(framed, at);
            Assert.True(FrameReader.TryReadFrame(ref whole, FrameReader.DefaultMaxFrameBytes, out var frame));
            Assert.True(frame.ToArray().AsSpan().SequenceEqual(payload));
            Assert.Equal(0, whole.Length);
        }
    }

    [Fact]
    public void Recording_CoversEveryClientOpcode()
    {
        var recorded = GoldenVector.All().Where(v => v.FromClient && v.Kind != "connect").Select(v => v.Op).ToHashSet();
        OpCode[] notSentByClients = [OpCode.Notification, OpCode.Check, OpCode.DeleteContainer, OpCode.CreateSession, OpCode.Error];
        var missing = Enum.GetValues<OpCode>().Except(notSentByClients).Where(op => !recorded.Contains(op)).ToList();
        Assert.True(missing.Count == 0, "no golden vector for: " + string.Join(", ", missing));
    }

    private static GoldenVector Load(string name) => GoldenVector.Load(Path.Combine(GoldenVector.Directory, name + ".hex"));
}
