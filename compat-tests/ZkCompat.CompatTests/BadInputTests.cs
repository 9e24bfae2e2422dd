using Xunit.Sdk;
using ZkCompat.CompatTests.Servers;
using ZkCompat.CompatTests.Support;

namespace ZkCompat.CompatTests;

/// <summary>
/// Malformed input over raw TCP. Each expected reaction below was first recorded from Debian's
/// Java ZooKeeper 3.8.0 and is asserted byte for byte on both servers. In every case a client
/// that finished its handshake before the bad input must still get ping replies afterwards,
/// and a new client must still be able to connect.
/// </summary>
public sealed class BadInputTests
{
    private const int ServerLogChars = 20_000;

    // Java listens a moment before it serves; generous for a busy 2-core machine.
    private static readonly TimeSpan ServingTimeout = TimeSpan.FromSeconds(30);

    // Error codes (PROTOCOL.md §4).
    private const int Unimplemented = -6;
    private const int MarshallingError = -5;
    private const int AuthFailed = -115;

    private const int JuteMaxBufferPlusOne = 0x100000;

    // 64 bytes from /dev/urandom, fixed so every run sends the same garbage. Read as a ConnectRequest,
    // the passwd length at offset 24 is 0x87abc5b3 (negative, not −1): Java fails to parse it.
    private static readonly byte[] Garbage = Convert.FromHexString(
        "84b615846d07f05d299b9224a81016af1706371654141dd087abc5b38881fef5" +
        "9a867776c56ad96db145cd0aa87a10951a92c0c9fcbb0c77cb1417edb0423439");

    public static TheoryData<string, int> ServersAndUnknownOps => Cross(0, 99);

    public static TheoryData<string, int> ServersAndBadLengths => Cross(-1, JuteMaxBufferPlusOne);

    public static TheoryData<string, bool> ServersAndReadOnlyByte
    {
        get
        {
            var data = new TheoryData<string, bool>();
            foreach (var server in ServerNames.All)
            {
                data.Add(server, false);
                data.Add(server, true);
            }

            return data;
        }
    }

    // Case 1. Java: "Len error", nothing sent, socket closed.
    [Theory]
    [MemberData(nameof(ServerNames.All), MemberType = typeof(ServerNames))]
    public Task FirstFrame_NegativeLength_ClosedWithoutBytes(string server) =>
        RunCaseAsync(server, async zk =>
        {
            using var bad = await RawZkClient.OpenAsync(zk.Host, zk.Port);
            await bad.SendAsync(Jute.Int(-1)); // ff ff ff ff
            await AssertClosedAfterAsync(bad, []);
        });

    // Case 2. Java: 0x100000 > jute.maxbuffer (0xfffff) → "Len error", nothing sent, socket closed.
    [Theory]
    [MemberData(nameof(ServerNames.All), MemberType = typeof(ServerNames))]
    public Task FirstFrame_LengthAboveMaxBuffer_ClosedWithoutBytes(string server) =>
        RunCaseAsync(server, async zk =>
        {
            using var bad = await RawZkClient.OpenAsync(zk.Host, zk.Port);
            await bad.SendAsync(Jute.Int(JuteMaxBufferPlusOne));
            await AssertClosedAfterAsync(bad, []);
        });

    // Case 3. Java: the ConnectRequest does not parse, nothing sent, socket closed.
    [Theory]
    [MemberData(nameof(ServerNames.All), MemberType = typeof(ServerNames))]
    public Task FirstFrame_GarbageBody_ClosedWithoutBytes(string server) =>
        RunCaseAsync(server, async zk =>
        {
            using var bad = await RawZkClient.OpenAsync(zk.Host, zk.Port);
            await bad.SendAsync(Jute.Frame(Garbage));
            await AssertClosedAfterAsync(bad, []);
        });

    // Case 4. Java reads the request as a ConnectRequest (lastZxidSeen = 0x0000000400000001 is ahead
    // of the server, and the record is short anyway): nothing sent, socket closed.
    [Theory]
    [MemberData(nameof(ServerNames.All), MemberType = typeof(ServerNames))]
    public Task FirstFrame_RequestInsteadOfConnect_ClosedWithoutBytes(string server) =>
        RunCaseAsync(server, async zk =>
        {
            using var bad = await RawZkClient.OpenAsync(zk.Host, zk.Port);
            await bad.SendAsync(Jute.Frame(Jute.RequestHeader(1, 4), Jute.UString("/"), [0])); // getData("/", false)
            await AssertClosedAfterAsync(bad, []);
        });

    // Case 5. Java: ReplyHeader{xid, zxid −1, UNIMPLEMENTED}, then close (PROTOCOL.md §14 Q9).
    // Opcode 0 (notification) is never sent by clients and counts as unknown.
    [Theory]
    [MemberData(nameof(ServersAndUnknownOps))]
    public Task AfterHandshake_UnknownOpcode_UnimplementedThenClosed(string server, int op) =>
        RunCaseAsync(server, async zk =>
        {
            var (bad, _) = await RawZkClient.HandshakeAsync(zk.Host, zk.Port);
            using (bad)
            {
                await bad.SendAsync(Jute.Frame(Jute.RequestHeader(5, op)));
                await AssertClosedAfterAsync(bad, Jute.ReplyFrame(5, -1, Unimplemented));
            }
        });

    // Case 6. Java: getData whose path length (10) runs past the frame (3 bytes "/ab" follow) gets
    // ReplyHeader{xid, lastProcessedZxid, MARSHALLINGERROR} with no body, and the connection stays
    // open: a ping on it is answered with the same zxid.
    [Theory]
    [MemberData(nameof(ServerNames.All), MemberType = typeof(ServerNames))]
    public Task AfterHandshake_TruncatedGetData_MarshallingErrorAndStaysOpen(string server) =>
        RunCaseAsync(server, async zk =>
        {
            var (bad, _) = await RawZkClient.HandshakeAsync(zk.Host, zk.Port);
            using (bad)
            {
                await bad.SendAsync(Jute.Frame(Jute.RequestHeader(7, 4), Jute.Int(10), "/ab"u8.ToArray()));
                var reply = await bad.ReadFrameAsync();
                Assert.Equal(ReplyHeader.Size, reply.Length);
                var header = ReplyHeader.Parse(reply);
                Assert.Equal(7, header.Xid);
                Assert.Equal(MarshallingError, header.Err);
                Assert.True(header.Zxid > 0, $"zxid {header.Zxid} should be the last processed zxid");

                var ping = await bad.PingAsync();
                Assert.Equal(new ReplyHeader(Jute.PingXid, header.Zxid, 0), ping);
            }
        });

    // Case 7. Java: a 3-byte frame cannot hold a RequestHeader: nothing sent, socket closed.
    [Theory]
    [MemberData(nameof(ServerNames.All), MemberType = typeof(ServerNames))]
    public Task AfterHandshake_FrameShorterThanRequestHeader_ClosedWithoutBytes(string server) =>
        RunCaseAsync(server, async zk =>
        {
            var (bad, _) = await RawZkClient.HandshakeAsync(zk.Host, zk.Port);
            using (bad)
            {
                await bad.SendAsync(Jute.Frame([0, 0, 0]));
                await AssertClosedAfterAsync(bad, []);
            }
        });

    // Case 8. Java: a frame length < 0 or > jute.maxbuffer after the handshake: nothing sent, socket closed.
    [Theory]
    [MemberData(nameof(ServersAndBadLengths))]
    public Task AfterHandshake_BadFrameLength_ClosedWithoutBytes(string server, int length) =>
        RunCaseAsync(server, async zk =>
        {
            var (bad, _) = await RawZkClient.HandshakeAsync(zk.Host, zk.Port);
            using (bad)
            {
                await bad.SendAsync(Jute.Int(length));
                await AssertClosedAfterAsync(bad, []);
            }
        });

    // Case 9. Java: AuthPacket with an unknown scheme → ReplyHeader{−4, 0, AUTHFAILED}, then close.
    [Theory]
    [MemberData(nameof(ServerNames.All), MemberType = typeof(ServerNames))]
    public Task AfterHandshake_AuthWithUnknownScheme_AuthFailedThenClosed(string server) =>
        RunCaseAsync(server, async zk =>
        {
            var (bad, _) = await RawZkClient.HandshakeAsync(zk.Host, zk.Port);
            using (bad)
            {
                await bad.SendAsync(Jute.Frame(
                    Jute.RequestHeader(-4, 100),
                    Jute.Int(0), // AuthPacket.type
                    Jute.UString("nosuchscheme"),
                    Jute.Int(3),
                    "abc"u8.ToArray()));
                await AssertClosedAfterAsync(bad, Jute.ReplyFrame(-4, 0, AuthFailed));
            }
        });

    // Case 10. A bare check (op 13) outside multi. Java 3.8.0 is deliberately NOT asked: it accepts
    // the request and logs a type-13 txn it cannot read back, so the server crash-loops on its next
    // start (PROTOCOL.md §14 Q1). ZkCompat follows 3.9 (ZOOKEEPER-2623) instead: it treats the op
    // as unimplemented, answering ReplyHeader{xid, −1, UNIMPLEMENTED} like any unknown opcode, then closes.
    [Fact]
    public Task ZkCompatOnly_AfterHandshake_BareCheck_UnimplementedThenClosed() =>
        RunCaseAsync("zkcompat", async zk =>
        {
            var (bad, _) = await RawZkClient.HandshakeAsync(zk.Host, zk.Port);
            using (bad)
            {
                await bad.SendAsync(Jute.Frame(Jute.RequestHeader(9, 13), Jute.UString("/"), Jute.Int(0)));
                await AssertClosedAfterAsync(bad, Jute.ReplyFrame(9, -1, Unimplemented));
            }
        });

    // Case 11. Java: a ConnectRequest without the trailing readOnly byte ("old client") gets a
    // 36-byte ConnectResponse; with it, 37 bytes (the extra readOnly byte, 0). Both sessions work.
    [Theory]
    [MemberData(nameof(ServersAndReadOnlyByte))]
    public Task ConnectRequest_ReadOnlyByte_DecidesResponseLength(string server, bool withReadOnlyByte) =>
        RunCaseAsync(server, async zk =>
        {
            var (client, response) = await RawZkClient.HandshakeAsync(zk.Host, zk.Port, withReadOnlyByte);
            using (client)
            {
                Assert.Equal(withReadOnlyByte ? 37 : 36, response.Length);
                Assert.Equal(Jute.Int(0), response[..4]); // protocolVersion
                Assert.Equal(Jute.Int(Jute.SessionTimeoutMs), response[4..8]);
                Assert.NotEqual(Jute.Long(0), response[8..16]); // sessionId
                Assert.Equal(Jute.Int(16), response[16..20]); // passwd length
                if (withReadOnlyByte)
                {
                    Assert.Equal(0, response[36]);
                }

                var ping = await client.PingAsync();
                Assert.Equal(Jute.PingXid, ping.Xid);
                Assert.Equal(0, ping.Err);
            }
        });

    private static TheoryData<string, int> Cross(params int[] values)
    {
        var data = new TheoryData<string, int>();
        foreach (var server in ServerNames.All)
        {
            foreach (var value in values)
            {
                data.Add(server, value);
            }
        }

        return data;
    }

    /// <summary>
    /// Starts a fresh server, connects a healthy client, runs <paramref name="badInput"/>, then checks the
    /// healthy client still gets ping replies and a new client can connect. Failures carry the server log.
    /// </summary>
    private static async Task RunCaseAsync(string server, Func<IServerUnderTest, Task> badInput)
    {
        await using var zk = await ServerUnderTest.StartAsync(server);
        try
        {
            using (var healthy = await RawZkClient.HandshakeWhenServingAsync(zk.Host, zk.Port, ServingTimeout))
            {
                var before = await healthy.PingAsync();
                AssertPingReply(before);

                await badInput(zk);

                var after = await healthy.PingAsync();
                AssertPingReply(after);
                Assert.True(after.Zxid >= before.Zxid, $"ping zxid went back from {before.Zxid} to {after.Zxid}");
            }

            var (fresh, response) = await RawZkClient.HandshakeAsync(zk.Host, zk.Port);
            using (fresh)
            {
                Assert.Equal(37, response.Length);
                AssertPingReply(await fresh.PingAsync());
            }
        }
        catch (Exception e)
        {
            throw new XunitException($"{e.GetType().Name}: {e.Message}\n{zk.Describe(ServerLogChars)}", e);
        }
    }

    private static void AssertPingReply(ReplyHeader reply)
    {
        Assert.Equal(Jute.PingXid, reply.Xid);
        Assert.Equal(0, reply.Err);
        Assert.True(reply.Zxid > 0, $"ping zxid {reply.Zxid}: at least the session's own createSession was applied");
    }

    /// <summary>Reads until the server closes (bounded) and checks it sent exactly <paramref name="expected"/> first.</summary>
    private static async Task AssertClosedAfterAsync(RawZkClient client, byte[] expected)
    {
        var seen = await client.ReadUntilClosedAsync();
        var what = $"expected close after [{Jute.Hex(expected)}], saw: {seen}";
        Assert.True(seen.Closed, what);
        Assert.True(expected.AsSpan().SequenceEqual(seen.Received), what);
    }
}
