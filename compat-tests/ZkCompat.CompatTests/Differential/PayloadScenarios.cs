using System.Buffers.Binary;
using ZkCompat.Protocol.Codes;

namespace ZkCompat.CompatTests.Differential;

/// <summary>Frames and payloads at and beyond jute.maxbuffer (0xfffff bytes, PROTOCOL.md §1.3).</summary>
internal static class PayloadScenarios
{
    private const int MaxBuffer = 0xfffff;

    public static IEnumerable<Scenario> All()
    {
        var atLimit = S("payload/frame-at-max-buffer");
        yield return atLimit.Begin().CreateBytes("a", "~/big", Data(MaxBuffer - CreateOverhead(atLimit.P("~/big")))).Exists("a", "~/big")
            .GetData("a", "~/big").Build();
        var overLimit = S("payload/frame-over-max-buffer-closes");
        yield return overLimit.Begin().CreateBytes("a", "~/big", Data(MaxBuffer + 1 - CreateOverhead(overLimit.P("~/big"))), expect: null)
            .ExpectClosed("a").Build();
        yield return S("payload/one-mebibyte-set-and-get").Begin().Create("a", "~/x").SetDataBytes("a", "~/x", Data(1_000_000))
            .GetData("a", "~/x").Exists("a", "~/x").Build();
        yield return S("payload/multi-near-limit").Begin()
            .Multi("a", [.. Enumerable.Range(0, 4).Select(i => Mop.Create($"~/m{i}", new string((char)('a' + i), 250_000)))],
                [.. Enumerable.Repeat(ErrorCode.Ok, 4)])
            .CountAll("a", "~").GetData("a", "~/m3").Build();
        yield return S("payload/long-path").Begin().Create("a", "~/" + new string('p', 10_000), "x").GetChildren("a", "~").Build();
        yield return S("payload/deep-path").Begin().Create("a", "~/d").Create("a", "~/d/d").Create("a", "~/d/d/d").Create("a", "~/d/d/d/d")
            .CountAll("a", "~").GetData("a", "~/d/d/d/d").Build();
        yield return S("payload/binary-data").Begin().CreateBytes("a", "~/b", [0, 1, 2, 255, 254, 0x80]).GetData("a", "~/b").Build();
        yield return S("payload/negative-frame-length-closes").Begin().SendRaw("a", [0xff, 0xff, 0xff, 0xfe], "frame length -2").ExpectClosed("a").Build();
        yield return S("payload/over-length-header-closes").Begin().SendRaw("a", Int(MaxBuffer + 1), "frame length 0x100000").ExpectClosed("a").Build();
        yield return S("payload/truncated-record-marshalling-error").Begin()
            .Raw("a", OpCode.GetData, [.. Int(10), .. "/ab"u8.ToArray()], "path length 10, 3 bytes", ErrorCode.MarshallingError)
            .Raw("a", OpCode.Create, [.. Int(50), .. "/x"u8.ToArray()], "path length 50, 2 bytes", ErrorCode.MarshallingError)
            .Ping("a").Build();
        yield return S("payload/trailing-bytes-after-record").Begin()
            .Raw("a", OpCode.Exists, [.. Str("/"), 0, 9, 9, 9], "exists / + 3 extra bytes", ErrorCode.Ok).Build();
    }

    /// <summary>Request bytes beyond the data: RequestHeader, path, data length, ACL vector, flags.</summary>
    private static int CreateOverhead(string path) => 8 + 4 + System.Text.Encoding.UTF8.GetByteCount(path) + 4 + (4 + 4 + 4 + 5 + 4 + 6) + 4;

    private static byte[] Data(int length)
    {
        var data = new byte[length];
        for (var i = 0; i < data.Length; i++)
            data[i] = (byte)('a' + (i % 26));
        return data;
    }

    private static byte[] Int(int value)
    {
        var bytes = new byte[4];
        BinaryPrimitives.WriteInt32BigEndian(bytes, value);
        return bytes;
    }

    private static byte[] Str(string value) => [.. Int(System.Text.Encoding.UTF8.GetByteCount(value)), .. System.Text.Encoding.UTF8.GetBytes(value)];

    private static ScenarioBuilder S(string name) => new(name);
}
