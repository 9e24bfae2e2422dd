using System.Text;

namespace ZkCompat.Server.Net;

/// <summary>
/// Four-letter words arrive instead of a frame length on a fresh connection (§8.1). Only ruok is
/// answered here; the rest come with the operations issue.
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
