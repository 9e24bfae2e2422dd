namespace ZkCompat.Quorum.Tests.Sim;

internal enum SimEventKind
{
    Vote,
    ConnectAttempt,
    ChannelOpened,
    LeaderConnected,
    ConnectFailed,
    Packet,
    ChannelClosed,
}
