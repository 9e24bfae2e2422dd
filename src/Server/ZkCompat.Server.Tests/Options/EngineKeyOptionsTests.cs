using ZkCompat.Server.Host.Config;
using ZkCompat.Server.Options;

namespace ZkCompat.Server.Tests.Options;

/// <summary>
/// skipACL, digest.enabled and fsync.warningthresholdms read from zoo.cfg and -D properties the way
/// Java 3.8.0 reads them: String.equals("yes"), Boolean.parseBoolean with default true, and
/// Long.getLong of zookeeper.fsync.warningthresholdms, then of fsync.warningthresholdms, then 1000.
/// </summary>
public class EngineKeyOptionsTests
{
    private static ServerOptions Parse(string[] lines, Dictionary<string, string>? systemProperties = null) =>
        ZooCfg.Parse(["dataDir=/data", .. lines], "/base", systemProperties).Config.Server;

    [Theory]
    [InlineData(null, false)]
    [InlineData("yes", true)]
    [InlineData("true", false)]
    [InlineData("Yes", false)]
    [InlineData("no", false)]
    public void SkipAcl_IsOnlyTheExactYes(string? value, bool expected)
    {
        var options = Parse(value is null ? [] : [$"skipACL={value}"]);

        Assert.Equal(expected, options.SkipAcl);
    }

    [Fact]
    public void SkipAcl_AsAJvmProperty_Counts()
    {
        Assert.True(Parse([], new() { ["zookeeper.skipACL"] = "yes" }).SkipAcl);
    }

    [Theory]
    [InlineData(null, true)]
    [InlineData("true", true)]
    [InlineData("TRUE", true)]
    [InlineData("false", false)]
    [InlineData("yes", false)]
    [InlineData("1", false)]
    public void DigestEnabled_IsParseBoolean_DefaultTrue(string? value, bool expected)
    {
        var options = Parse(value is null ? [] : [$"digest.enabled={value}"]);

        Assert.Equal(expected, options.DigestEnabled);
    }

    [Fact]
    public void DigestEnabled_EmptyValue_IsFalse_AsParseBooleanOfEmpty()
    {
        Assert.False(Parse(["digest.enabled="]).DigestEnabled);
    }

    [Theory]
    [InlineData("25", 25)]
    [InlineData("0", 0)]
    [InlineData("-1", -1)]
    [InlineData("0x10", 16)]
    [InlineData("#10", 16)]
    [InlineData("010", 8)]
    [InlineData("+7", 7)]
    [InlineData("-0x8000000000000000", long.MinValue)]
    public void FsyncThreshold_FromZooCfg_IsDecodedAsJavaLong(string value, long expected)
    {
        Assert.Equal(expected, Parse([$"fsync.warningthresholdms={value}"]).FsyncWarningThresholdMs);
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("")]
    [InlineData("08")]
    [InlineData("1.5")]
    [InlineData("0x")]
    [InlineData("--1")]
    [InlineData("0x-1")]
    [InlineData("9223372036854775808")]
    public void FsyncThreshold_Unreadable_FallsBackToTheDefault(string value)
    {
        Assert.Equal(1000, Parse([$"fsync.warningthresholdms={value}"]).FsyncWarningThresholdMs);
    }

    [Fact]
    public void FsyncThreshold_Unset_Is1000_AndTheUnprefixedJvmPropertyIsTheFallback()
    {
        Assert.Equal(1000, Parse([]).FsyncWarningThresholdMs);
        Assert.Equal(40, Parse([], new() { ["fsync.warningthresholdms"] = "40" }).FsyncWarningThresholdMs);
        // zookeeper.fsync.warningthresholdms (zoo.cfg, or -D) wins; unreadable, it gives way to the other.
        Assert.Equal(5, Parse(["fsync.warningthresholdms=5"], new() { ["fsync.warningthresholdms"] = "40" }).FsyncWarningThresholdMs);
        Assert.Equal(40, Parse(["fsync.warningthresholdms=x"], new() { ["fsync.warningthresholdms"] = "40" }).FsyncWarningThresholdMs);
    }
}
