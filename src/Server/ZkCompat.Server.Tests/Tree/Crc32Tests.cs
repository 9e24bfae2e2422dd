using ZkCompat.Server.Checksums;

namespace ZkCompat.Server.Tests.Tree;

public class Crc32Tests
{
    [Fact]
    public void CheckValue_IsTheIeeeOne() // java.util.zip.CRC32 of "123456789"
    {
        var crc = new Crc32();
        crc.Append("123456789"u8);
        Assert.Equal(0xCBF43926u, crc.Value);
    }

    [Fact]
    public void SlicedAppends_MatchTheBytewiseDefinition_ForEveryLengthAndSplit()
    {
        var random = new Random(8);
        for (var length = 0; length < 70; length++)
        {
            var bytes = new byte[length];
            random.NextBytes(bytes);
            for (var split = 0; split <= length; split += 7)
            {
                var crc = new Crc32();
                crc.Append(bytes.AsSpan(0, split));
                crc.Append(bytes.AsSpan(split));
                Assert.Equal(Bytewise(bytes), crc.Value);
            }
        }
    }

    private static uint Bytewise(byte[] bytes)
    {
        var state = 0xFFFFFFFFu;
        foreach (var b in bytes)
        {
            state ^= b;
            for (var k = 0; k < 8; k++)
                state = (state & 1) != 0 ? 0xEDB88320 ^ (state >> 1) : state >> 1;
        }

        return ~state;
    }
}
