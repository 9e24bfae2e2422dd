using ZkCompat.Server.Processing;
using ZkCompat.Server.Tree;

namespace ZkCompat.Server.Tests;

/// <summary>
/// The leader's overlay of changes in flight: it holds only what is not applied yet, even when
/// something is always in flight (it used to grow with every path written and be copied per write).
/// </summary>
public class PrepViewTests
{
    private static NodeRecord Version(int version) => new([], version, 0, 0, 0, 0);

    [Fact]
    public void Applied_DropsTheChangesOfAppliedTxns_KeepsLaterOnes()
    {
        var view = new PrepView(new DataTree());
        Prep(view, 1, "/a", Version(1));
        Prep(view, 2, "/b", Version(1));
        Prep(view, 3, "/a", Version(2));

        view.Applied(1);
        Assert.Equal(2, view.Count);
        Assert.Equal(2, view.Get("/a")!.Version); // txn 3 changed it again: still in flight

        view.Applied(3);
        Assert.Equal(0, view.Count);
        Assert.Null(view.Get("/a")); // the tree is the truth again (empty here)
    }

    [Fact]
    public void UnderContinuousLoad_TheOverlayStaysAsSmallAsWhatIsInFlight()
    {
        var view = new PrepView(new DataTree());
        for (var zxid = 1; zxid <= 10_000; zxid++)
        {
            Prep(view, zxid, $"/n{zxid}", Version(0));
            if (zxid > 5)
                view.Applied(zxid - 5); // five txns always in flight
        }

        Assert.Equal(5, view.Count);
    }

    [Fact]
    public void Rollback_RestoresWhatEachPathHeldAtTheMark()
    {
        var view = new PrepView(new DataTree());
        Prep(view, 1, "/a", Version(1));
        view.Begin(2);
        view.Put("/b", Version(1));
        var mark = view.Mark();
        view.Put("/a", Version(2));
        view.Put("/c", Version(1));
        view.Rollback(mark);
        view.End();

        Assert.Equal(1, view.Get("/a")!.Version);
        Assert.Equal(1, view.Get("/b")!.Version);
        Assert.Null(view.Get("/c"));
        view.Applied(1);
        Assert.Null(view.Get("/a"));
        Assert.Equal(1, view.Get("/b")!.Version);
    }

    private static void Prep(PrepView view, long zxid, string path, NodeRecord record)
    {
        view.Begin(zxid);
        view.Put(path, record);
        view.End();
    }
}
