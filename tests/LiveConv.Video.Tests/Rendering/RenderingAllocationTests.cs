using LiveConv.Engine.Tensors;
using LiveConv.Pipeline.Frames;
using LiveConv.Pipeline.Metrics;
using LiveConv.Video.Rendering;

namespace LiveConv.Video.Tests.Rendering;

/// <summary>A frame in the window allocates nothing, on the render thread or on the helper thread painting half the maps.</summary>
/// <remarks>Alone: other tests' renderers share the helper thread, and their first frames may allocate on it.</remarks>
[Collection(MapHalfCollection.Name)]
public sealed class RenderingAllocationTests
{
    [Fact]
    public void SteadyState_RenderingAllocatesNothing_OnEitherThread()
    {
        var frame = new FramePool().Rent();
        frame.PreparePixels(1280, 720, PixelFormat.Bgr).Fill(90);
        var maps = frame.PrepareMaps(new Shape3(4, 720, 1280));
        for (int i = 0; i < maps.Data.Length; i++)
        {
            maps.Data[i] = i % 1000 / 1000f;
        }

        frame.MapNames = ["sobel_x", "sobel_y", "laplacian", "blur"];
        var renderer = new MosaicRenderer(new MosaicOptions { ShowInput = true, Overlay = true, Colormap = Colormap.Parse("inferno") })
        {
            Canvas = (1360, 850),
            History = new FrameTimeHistory(),
            Overlay = ["layer 1 (relu)", "> colormap inferno"],
        };
        IReadOnlyList<string> hud = ["fps in 30.0  out 30.0", "ms per frame: capture 1.0  engine 5.0  render 4.0  sink 0.0"];
        // Past the JIT's tiers, whose first calls may allocate.
        for (int i = 0; i < 40; i++)
        {
            renderer.Render(frame, hud);
        }

        // Counted thread by thread, so the test host's own threads cannot add to it. A per-frame allocation shows in every
        // window of 10 frames; a one-off does not (a lock's first contention, which may come at any frame, allocates it a
        // managed lock). The helper counts in the windows where it painted a half: the render thread paints those the
        // helper has not taken in time.
        long render = long.MaxValue, helper = long.MaxValue;
        for (int window = 0; window < 40 && (window < 8 || helper == long.MaxValue); window++)
        {
            long render0 = GC.GetAllocatedBytesForCurrentThread(), helper0 = MapHalf.HelperAllocatedBytes, halves0 = MapHalf.HelperHalves;
            for (int i = 0; i < 10; i++)
            {
                renderer.Render(frame, hud);
            }

            render = Math.Min(render, GC.GetAllocatedBytesForCurrentThread() - render0);
            if (MapHalf.HelperHalves > halves0)
            {
                helper = Math.Min(helper, MapHalf.HelperAllocatedBytes - helper0);
            }
        }

        Assert.Equal(0, render);
        Assert.True(helper != long.MaxValue, "the helper thread painted no half in 40 windows");
        Assert.Equal(0, helper);
    }
}
