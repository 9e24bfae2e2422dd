using System.Buffers;
using System.Buffers.Binary;
using System.IO.Pipelines;
using System.Text;

namespace ZkCompat.Server.Net;

/// <summary>
/// Four-letter words arrive instead of a frame length on a fresh connection (§8.1). This answers
/// ruok for connections made without ops counters (engine tests) and reads stmk's mask; a
/// server's connections answer every word through <see cref="Ops.FourLetterCommands"/>.
/// </summary>
internal static class FourLetterWords
{
    private const int Ruok = 0x72756f6b;

    /// <summary>How long stmk waits for the rest of its 8-byte mask (Java reads only what has arrived).</summary>
    private static readonly TimeSpan s_traceMaskWait = TimeSpan.FromSeconds(1);

    public static byte[]? Answer(int firstInt) => firstInt switch
    {
        Ruok => Encoding.ASCII.GetBytes("imok"),
        _ => null,
    };

    /// <summary>The big-endian long after the word, usually in the same read; a bounded wait for the rest.</summary>
    public static async Task<long?> ReadTraceMaskAsync(PipeReader input, ReadResult result)
    {
        var buffer = result.Buffer;
        using var deadline = new CancellationTokenSource(s_traceMaskWait);
        while (buffer.Length < 12 && !result.IsCompleted && !result.IsCanceled)
        {
            input.AdvanceTo(buffer.Start, buffer.End);
            try
            {
                result = await input.ReadAsync(deadline.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return null;
            }

            buffer = result.Buffer;
        }

        if (buffer.Length < 12)
            return null;
        Span<byte> mask = stackalloc byte[8];
        buffer.Slice(4, 8).CopyTo(mask);
        return BinaryPrimitives.ReadInt64BigEndian(mask);
    }
}
