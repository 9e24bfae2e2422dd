using ZkCompat.Server.Host.Config;

namespace ZkCompat.Server.Tests;

/// <summary>
/// The java.lang behaviours server lines are read with (PROTOCOL.md §9.2). The host strings were
/// checked against Java 17: new InetSocketAddress(host, 1).getHostString().
/// </summary>
public class JavaSyntaxTests
{
    [Theory]
    [InlineData("a:b:c", "a|b|c")]
    [InlineData("a:b:", "a|b")]
    [InlineData("a::", "a")]
    [InlineData(":", "")]
    [InlineData("", "")]
    [InlineData(":a", "|a")]
    public void Split_DropsTrailingEmptyParts(string text, string parts)
    {
        var expected = text.Length == 0 ? [""] : parts.Length == 0 ? [] : parts.Split('|');

        Assert.Equal(expected, JavaSyntax.Split(text, ':'));
    }

    [Theory]
    [InlineData("[::1]:2888:3888", "::1|2888|3888")]
    [InlineData("[::1]:2888:3888:observer", "::1|2888|3888|observer")]
    [InlineData("[::1]", "::1")]
    [InlineData("host:2181", "host|2181")]
    [InlineData("2181", "2181")]
    public void HostAndPort_TakesBracketedIPv6(string text, string parts) =>
        Assert.Equal(parts.Split('|'), JavaSyntax.HostAndPort(text));

    [Theory]
    [InlineData("[::1:2888", "starts with '[' but has no matching ']:'")]
    [InlineData("[::1]:", "doesn't have a port after colon")]
    public void HostAndPort_BadBrackets_AreJavasErrors(string text, string message) =>
        Assert.Contains(message, Assert.Throws<ConfigException>(() => JavaSyntax.HostAndPort(text)).Message, StringComparison.Ordinal);

    [Theory]
    [InlineData("1", true, 1L)]
    [InlineData("+2", true, 2L)]
    [InlineData("-1", true, -1L)]
    [InlineData(" 1", false, 0L)]
    [InlineData("1 ", false, 0L)]
    [InlineData("1\0", false, 0L)]
    [InlineData("", false, 0L)]
    [InlineData("+", false, 0L)]
    [InlineData("9223372036854775808", false, 0L)]
    public void TryParseLong_IsLongParseLong(string text, bool ok, long value)
    {
        Assert.Equal(ok, JavaSyntax.TryParseLong(text, out var parsed));
        Assert.Equal(value, parsed);
    }

    [Theory]
    [InlineData("1a0000000", 0x1a0000000L)]
    [InlineData("-1", -1L)]
    [InlineData("7fffffffffffffff", long.MaxValue)]
    [InlineData("8000000000000000", null)]
    [InlineData("cfg", null)]
    [InlineData("", null)]
    public void TryParseHexLong_IsLongParseLongRadix16(string text, long? value) =>
        Assert.Equal(value, JavaSyntax.TryParseHexLong(text, out var parsed) ? parsed : null);

    [Theory]
    [InlineData("5", 5)]
    [InlineData("0x10", 16)]
    [InlineData("#10", 16)]
    [InlineData("010", 8)]
    [InlineData("-3", -3)]
    [InlineData("0", 0)]
    [InlineData("five", null)]
    [InlineData("", null)]
    [InlineData("09", null)]
    public void Decode_IsIntegerDecode(string text, int? value) => Assert.Equal(value, JavaSyntax.Decode(text));

    [Theory]
    [InlineData("2147483648", null)]
    [InlineData("-2147483648", int.MinValue)]
    public void Decode_KeepsToTheIntRange(string text, int? value) => Assert.Equal(value, JavaSyntax.Decode(text));

    [Theory]
    [InlineData("9223372036854775807", long.MaxValue)]
    [InlineData("-9223372036854775808", long.MinValue)]
    [InlineData("-0x8000000000000000", long.MinValue)]
    [InlineData("9223372036854775808", null)]
    [InlineData("0777", 511L)]
    [InlineData("#ff", 255L)]
    [InlineData("+12", 12L)]
    [InlineData(" 12", null)]
    [InlineData("1_000", null)]
    public void DecodeLong_IsLongDecode(string text, long? value) => Assert.Equal(value, Server.Options.JavaNumbers.DecodeLong(text));

    [Theory]
    [InlineData("0.33", 0.33)]
    [InlineData(" 1.5e1 ", 15.0)]
    [InlineData("-2", -2.0)]
    [InlineData(".5f", 0.5)]
    [InlineData("5.", 5.0)]
    [InlineData("+1D", 1.0)]
    [InlineData("-Infinity", double.NegativeInfinity)]
    [InlineData("1,5", null)]
    [InlineData("infinity", null)]
    [InlineData("", null)]
    [InlineData(".", null)]
    [InlineData("1e", null)]
    [InlineData("NaNd", null)]
    public void TryParseDouble_IsDoubleParseDouble(string text, double? value) =>
        Assert.Equal(value, JavaSyntax.TryParseDouble(text, out var parsed) ? parsed : null);

    [Theory]
    [InlineData("127.0.0.1", "127.0.0.1")]
    [InlineData("127.1", "127.0.0.1")]
    [InlineData("010.0.0.1", "10.0.0.1")]
    [InlineData("localhost", "localhost")]
    [InlineData("zk1.example.com", "zk1.example.com")]
    [InlineData("::1", "0:0:0:0:0:0:0:1")]
    [InlineData("0:0::1", "0:0:0:0:0:0:0:1")]
    [InlineData("FE80::1%eth0", "fe80:0:0:0:0:0:0:1%eth0")]
    [InlineData("zz::1", "zz::1")]
    [InlineData("256.0.0.1", "256.0.0.1")]
    [InlineData("", "localhost")]
    [InlineData("1", "0.0.0.1")]
    [InlineData("0x7f.0.0.1", "0x7f.0.0.1")]
    public void HostString_IsJavasGetHostString(string host, string expected) => Assert.Equal(expected, JavaHost.HostString(host));
}
