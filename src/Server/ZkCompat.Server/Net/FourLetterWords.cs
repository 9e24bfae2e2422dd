using System.Text;

namespace ZkCompat.Server.Net;

/// <summary>
/// Four-letter words arrive instead of a frame length on a fresh connection (§8.1). This answers
/// ruok for connections made without ops counters (engine tests); a server's connections answer
/// every word through <see cref="Ops.FourLetterCommands"/>.
/// </summary>
internal static class FourLetterWords
{
    private const int Ruok = 0x72756f6b;

    public static byte[]? Answer(int firstInt) => firstInt switch
    {
        Ruok => Encoding.ASCII.GetBytes("imok"),
        _ => null,
    };
}
