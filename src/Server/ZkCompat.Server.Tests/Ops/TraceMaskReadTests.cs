using System.IO.Pipelines;
using ZkCompat.Server.Net;

namespace ZkCompat.Server.Tests.Ops;

/// <summary>Reading stmk's 8-byte mask from what follows the word, whether or not it came in the same read.</summary>
public class TraceMaskReadTests
{
    private static readonly byte[] s_stmk = "stmk"u8.ToArray();

    [Fact]
    public async Task ReadTraceMask_AllInTheFirstRead_IsTheBigEndianLong()
    {
        var pipe = new Pipe();
        await pipe.Writer.WriteAsync((byte[])[.. s_stmk, 0, 0, 0, 0, 0, 0, 1, 0x32]);

        var mask = await FourLetterWords.ReadTraceMaskAsync(pipe.Reader, await pipe.Reader.ReadAsync());

        Assert.Equal(306, mask);
    }

    [Fact]
    public async Task ReadTraceMask_RestArrivesLater_WaitsForIt()
    {
        var pipe = new Pipe();
        await pipe.Writer.WriteAsync((byte[])[.. s_stmk, 0xff, 0xff]);
        var reading = FourLetterWords.ReadTraceMaskAsync(pipe.Reader, await pipe.Reader.ReadAsync());
        Assert.False(reading.IsCompleted);

        await pipe.Writer.WriteAsync((byte[])[0xff, 0xff, 0xff, 0xff, 0xff, 0xfe]);

        Assert.Equal(-2, await reading);
    }

    [Fact]
    public async Task ReadTraceMask_ClientHangsUpEarly_IsNull()
    {
        var pipe = new Pipe();
        await pipe.Writer.WriteAsync((byte[])[.. s_stmk, 1, 2, 3]);
        await pipe.Writer.CompleteAsync();

        Assert.Null(await FourLetterWords.ReadTraceMaskAsync(pipe.Reader, await pipe.Reader.ReadAsync()));
    }
}
