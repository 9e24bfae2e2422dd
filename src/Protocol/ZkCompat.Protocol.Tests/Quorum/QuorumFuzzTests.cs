using System.Buffers;
using ZkCompat.Protocol.Jute;
using ZkCompat.Protocol.Quorum;

namespace ZkCompat.Protocol.Tests.Quorum;

/// <summary>Random bytes into every quorum reader: false, true or ProtocolException, nothing else.</summary>
public class QuorumFuzzTests
{
    private const int Seed = 20261123;
    private const int Iterations = 20_000;

    [Fact]
    public void RandomBytes_IntoEveryTryRead_OnlyFalseTrueOrProtocolException()
    {
        var random = new Random(Seed);
        for (var i = 0; i < Iterations; i++)
        {
            var bytes = RandomBytes(random);
            Check(bytes, i, static (ref ReadOnlySequence<byte> b) => QuorumPacket.TryRead(ref b, 256, out _));
            Check(bytes, i, static (ref ReadOnlySequence<byte> b) => ElectionHello.TryRead(ref b, out _));
            Check(bytes, i, static (ref ReadOnlySequence<byte> b) => ElectionFrame.TryRead(ref b, out _));
            Check(bytes, i, static (ref ReadOnlySequence<byte> b) => Notification.TryParse(b.ToArray(), out _));
            Check(bytes, i, static (ref ReadOnlySequence<byte> b) => Parses(b.ToArray()));
        }
    }

    [Fact]
    public void MutatedGoldenVectors_OnlyFalseTrueOrProtocolException()
    {
        var random = new Random(Seed);
        var vectors = QuorumGoldenVector.All().Where(v => !v.IsSnapshotStream).ToList();
        Assert.NotEmpty(vectors);
        for (var i = 0; i < Iterations; i++)
        {
            var vector = vectors[random.Next(vectors.Count)];
            var bytes = vector.Bytes.ToArray();
            for (var edits = random.Next(1, 4); edits > 0; edits--)
                bytes[random.Next(bytes.Length)] = (byte)random.Next(256);
            var cut = bytes[..random.Next(bytes.Length + 1)];
            Check(cut, i, (ref ReadOnlySequence<byte> b) => vector.TryDecodeAndEncode(ref b, out _));
        }
    }

    private static bool Parses(byte[] data)
    {
        LearnerInfo.Parse(data);
        return true;
    }

    private static byte[] RandomBytes(Random random)
    {
        var bytes = new byte[random.Next(0, 64)];
        random.NextBytes(bytes);
        // Small lengths and counts in the usual places make the deeper branches reachable.
        if (bytes.Length >= 20 && random.Next(2) == 0)
        {
            bytes[12] = bytes[13] = bytes[14] = 0;
            bytes[15] = (byte)random.Next(8);
            bytes[16] = bytes[17] = bytes[18] = (byte)(random.Next(2) == 0 ? 0 : 0xff);
        }

        return bytes;
    }

    private delegate bool Reader(ref ReadOnlySequence<byte> buffer);

    private static void Check(byte[] bytes, int iteration, Reader read)
    {
        var buffer = Segments.Split(bytes, bytes.Length / 2);
        var before = buffer.Length;
        try
        {
            if (!read(ref buffer))
                Assert.Equal(before, buffer.Length);
        }
        catch (ProtocolException)
        {
        }
        catch (Exception e)
        {
            Assert.Fail($"iteration {iteration}: {Convert.ToHexString(bytes)}: {e}");
        }
    }
}
