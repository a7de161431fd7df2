using System.Threading.Channels;

namespace LiveConv.Pipeline.Tests.Stages;

/// <summary>Runtime behaviour the live pipeline relies on, pinned so an upgrade that changes it fails here.</summary>
public class ChannelAssumptionTests
{
    [Fact]
    public void DropOldest_WriteSucceedsAndTheVictimGoesToTheCallback()
    {
        var dropped = new List<int>();
        var channel = Channel.CreateBounded<int>(new BoundedChannelOptions(2) { FullMode = BoundedChannelFullMode.DropOldest }, dropped.Add);

        Assert.True(channel.Writer.TryWrite(1));
        Assert.True(channel.Writer.TryWrite(2));
        Assert.True(channel.Writer.TryWrite(3));

        Assert.Equal([1], dropped);
        Assert.True(channel.Reader.TryRead(out int first));
        Assert.Equal(2, first);
    }

    [Fact]
    public async Task ReadAfterCompleteWithError_ThrowsTheError()
    {
        var channel = Channel.CreateBounded<int>(1);
        channel.Writer.TryComplete(new InvalidOperationException("boom"));

        var error = await Assert.ThrowsAnyAsync<Exception>(async () =>
        {
            await foreach (int _ in channel.Reader.ReadAllAsync())
            {
            }
        });
        Assert.Contains("boom", error.Message + error.InnerException?.Message);
    }
}
