using System.Buffers;
using ZkCompat.Protocol.Framing;
using ZkCompat.Protocol.Jute;

namespace ZkCompat.Protocol.Tests;

/// <summary>Random and mutated frames may decode or raise ProtocolException; nothing else.</summary>
public class FuzzTests
{
    private const int Seed = 20261122;

    [Fact]
    public void MutatedGoldenFrames_DecodeOrRaiseProtocolException()
    {
        var random = new Random(Seed);
        var vectors = GoldenVector.All().ToList();
        Assert.NotEmpty(vectors);
        for (var i = 0; i < 20_000; i++)
        {
            var vector = vectors[random.Next(vectors.Count)];
            var mutated = Mutate(vector.Payload, random);
            AssertDecodesOrProtocolError(vector with { Payload = mutated }, $"iteration {i} of {vector.Name}: {Convert.ToHexString(mutated)}");
        }
    }

    [Fact]
    public void RandomBytes_AsFrames_NeedMoreOrDecodeOrRaiseProtocolException()
    {
        var random = new Random(Seed);
        for (var i = 0; i < 20_000; i++)
        {
            var bytes = new byte[random.Next(0, 64)];
            random.NextBytes(bytes);
            var buffer = new ReadOnlySequence<byte>(bytes);
            try
            {
                while (FrameReader.TryReadFrame(ref buffer, 1024, out var frame))
                {
                    var reader = new JuteReader(frame);
                    var header = Records.RequestHeader.Read(ref reader);
                    Records.Requests.TryReadRequest(header.Type, ref reader, out _);
                }
            }
            catch (ProtocolException)
            {
            }
        }
    }

    private static void AssertDecodesOrProtocolError(GoldenVector vector, string what)
    {
        try
        {
            vector.DecodeAndEncode(new ReadOnlySequence<byte>(vector.Payload));
        }
        catch (ProtocolException)
        {
        }
        catch (Exception e)
        {
            Assert.Fail($"{what}: {e}");
        }
    }

    private static byte[] Mutate(byte[] payload, Random random)
    {
        var bytes = payload.ToList();
        var edits = random.Next(1, 4);
        for (var e = 0; e < edits; e++)
        {
            switch (random.Next(4))
            {
                case 0 when bytes.Count > 0:
                    bytes[random.Next(bytes.Count)] = (byte)random.Next(256);
                    break;
                case 1 when bytes.Count > 0:
                    bytes.RemoveRange(random.Next(bytes.Count), 1);
                    break;
                case 2:
                    bytes.Insert(random.Next(bytes.Count + 1), (byte)random.Next(256));
                    break;
                default:
                    var cut = random.Next(bytes.Count + 1);
                    bytes.RemoveRange(cut, bytes.Count - cut);
                    break;
            }
        }

        return [.. bytes];
    }
}
