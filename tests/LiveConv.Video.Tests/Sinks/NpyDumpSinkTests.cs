using System.Text;
using LiveConv.Engine.Reference;
using LiveConv.Engine.Tensors;
using LiveConv.Video.Sinks;
using LiveConv.Video.Sources;
using OpenCvSharp;

namespace LiveConv.Video.Tests.Sinks;

public class NpyDumpSinkTests
{
    [Fact]
    public void Header_IsNumpyFormatOneAlignedTo64()
    {
        byte[] header = NpyWriter.Header(new Shape3(8, 720, 1280));

        Assert.Equal(0, header.Length % 64);
        Assert.Equal("\u0093NUMPY", Encoding.Latin1.GetString(header, 0, 6));
        Assert.Equal(header.Length - 10, header[8] | (header[9] << 8));
        string dict = Encoding.ASCII.GetString(header, 10, header.Length - 10);
        Assert.StartsWith("{'descr': '<f4', 'fortran_order': False, 'shape': (8, 720, 1280), }", dict);
        Assert.EndsWith("\n", dict);
    }

    [Fact]
    public async Task Dumps_EqualTheReferenceOutputForTheSameFrame()
    {
        string images = Runs.TempDirectory(), dumps = Runs.TempDirectory();
        var scene = new SyntheticScene(64, 48, 30, seed: 5);
        using var canvas = new Mat();
        for (int i = 0; i < 3; i++)
        {
            scene.Draw(i * 10, canvas);
            Cv2.ImWrite(Path.Combine(images, $"{i}.png"), canvas);
        }

        var network = Runs.Lines(PixelFormat.Rgb);
        using var source = ImageSequenceSource.FromFolder(images, loop: false, fps: 30);
        await Runs.Run(source, network, null, [new NpyDumpSink(dumps)]);

        Assert.Equal(["frame_000000.npy", "frame_000001.npy", "frame_000002.npy"],
            Directory.GetFiles(dumps).Select(Path.GetFileName).Order());
        for (int i = 0; i < 3; i++)
        {
            using var image = Cv2.ImRead(Path.Combine(images, $"{i}.png"), ImreadModes.Color);
            image.GetArray(out Vec3b[] pixels);
            var bytes = pixels.SelectMany(p => new[] { p.Item0, p.Item1, p.Item2 }).ToArray();
            var expected = ReferenceEngine.Run(network, bytes, PixelFormat.Bgr)[^1];

            byte[] file = File.ReadAllBytes(Path.Combine(dumps, NpyDumpSink.FileName(i)));
            int headerLength = 10 + (file[8] | (file[9] << 8));
            Assert.Equal(NpyWriter.Header(expected.Shape), file[..headerLength]);
            float[] dumped = new float[expected.Data.Length];
            Buffer.BlockCopy(file, headerLength, dumped, 0, file.Length - headerLength);
            Assert.Equal(expected.Shape.Length * 4, file.Length - headerLength);
            Assert.Equal(expected.Data, dumped);
        }
    }
}
