namespace ZkCompat.Quorum.Tests.Sim;

/// <summary>
/// A quorum connection between a learner (end 0) and a leader (end 1): TCP, so each direction
/// is FIFO; a break loses a suffix of what is in flight and both ends hear of the close.
/// </summary>
internal sealed class SimChannel(long id, ChannelEnd learner, ChannelEnd leader)
{
    public long Id { get; } = id;

    public ChannelEnd[] Ends { get; } = [learner, leader];

    /// <summary>Closed by either end or broken: nothing more can be sent.</summary>
    public bool Dead { get; set; }

    public ChannelEnd? EndOf(long sid) => Ends[0].Sid == sid ? Ends[0] : Ends[1].Sid == sid ? Ends[1] : null;

    public ChannelEnd Other(ChannelEnd end) => end == Ends[0] ? Ends[1] : Ends[0];
}
