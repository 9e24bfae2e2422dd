using System.Buffers.Binary;
using System.Text;
using ZkCompat.Server.Ops;

namespace ZkCompat.Server.Tests.Ops;

/// <summary>Recognising four-letter words and the whitelist rules of PROTOCOL.md §8.1.</summary>
public class FourLetterCommandsTests
{
    [Theory]
    [InlineData("ruok")]
    [InlineData("mntr")]
    [InlineData("wchp")]
    [InlineData("hash")]
    [InlineData("stmk")]
    public void WordOf_KnownWord_IsRecognised(string word) =>
        Assert.Equal(word, FourLetterCommands.WordOf(BinaryPrimitives.ReadInt32BigEndian(Encoding.ASCII.GetBytes(word))));

    [Theory]
    [InlineData(0x0000002c)]
    [InlineData(0x52554f4b)] // RUOK: case matters
    public void WordOf_FrameLengthOrUnsupported_IsNull(int first) => Assert.Null(FourLetterCommands.WordOf(first));

    [Fact]
    public void Whitelist_Unset_AllowsOnlySrvr() => Assert.Equal(["srvr"], FourLetterCommands.Whitelist(null, readOnlyMode: false));

    [Fact]
    public void Whitelist_List_IsTrimmedAndKeepsSrvr()
    {
        var enabled = FourLetterCommands.Whitelist(" ruok , mntr,bogus", readOnlyMode: false);

        Assert.Equal(new HashSet<string> { "srvr", "ruok", "mntr" }, enabled);
    }

    [Fact]
    public void Whitelist_Star_AllowsEveryWord() =>
        Assert.Equal(18, FourLetterCommands.Whitelist("*", readOnlyMode: false).Count);

    [Fact]
    public void Whitelist_ReadOnlyMode_AllowsIsro() =>
        Assert.Contains("isro", FourLetterCommands.Whitelist("ruok", readOnlyMode: true));
}
