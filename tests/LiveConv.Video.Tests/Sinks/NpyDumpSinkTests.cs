using System.Text;
using LiveConv.Engine.Reference;
using LiveConv.Engine.Tensors;
using LiveConv.Pipeline.Frames;
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

        Assert.Equal(["frame_000000.npy", "frame_000001.npy", "frame_000002.npy", "index.csv"],
            Directory.GetFiles(dumps).Select(Path.GetFileName).Order());
        // Each file's frame and its time in the source (a folder of images at 30 fps).
        Assert.Equal(["file,frame,pts_ms", "frame_000000.npy,0,0", "frame_000001.npy,1,33.333", "frame_000002.npy,2,66.667"],
            File.ReadAllLines(Path.Combine(dumps, FrameIndex.FileName)));
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

    [Fact]
    public void Write_FinalNameTaken_Throws_EarlierDumpsKept_NoPartialLeft()
    {
        string dir = Runs.TempDirectory();
        using var sink = new NpyDumpSink(dir);
        var first = Maps(0, 1f);
        sink.Write(first);
        byte[] firstFile = File.ReadAllBytes(Path.Combine(dir, NpyDumpSink.FileName(0)));
        // A folder under frame 1's name: the whole file is written to its partial name, then the move fails.
        Directory.CreateDirectory(Path.Combine(dir, NpyDumpSink.FileName(1)));

        Assert.ThrowsAny<IOException>(() => sink.Write(Maps(1, 2f)));

        Assert.Equal([NpyDumpSink.FileName(0)], Directory.GetFiles(dir, "*.npy").Select(Path.GetFileName));
        Assert.Equal(firstFile, File.ReadAllBytes(Path.Combine(dir, NpyDumpSink.FileName(0))));
        Assert.Equal(NpyWriter.Header(first.Maps!.Shape).Length + (first.Maps.Shape.Length * 4), firstFile.Length);
    }

    [Fact]
    public void Save_ReplacesAnEarlierFile_WithTheHeaderAndTheData()
    {
        string dir = Runs.TempDirectory();
        string path = Path.Combine(dir, "maps.npy");
        File.WriteAllText(path, "an older, longer file that must not leave bytes behind");
        var maps = new Tensor(new Shape3(2, 1, 3), [1, 2, 3, 4, 5, -6]);

        NpyWriter.Save(path, maps);

        byte[] file = File.ReadAllBytes(path);
        byte[] header = NpyWriter.Header(maps.Shape);
        Assert.Equal(header, file[..header.Length]);
        float[] data = new float[6];
        Buffer.BlockCopy(file, header.Length, data, 0, file.Length - header.Length);
        Assert.Equal(maps.Data, data);
        Assert.Equal([path], Directory.GetFiles(dir));
    }

    private static Frame Maps(long index, float value)
    {
        var frame = new Frame { Index = index };
        frame.PrepareMaps(new Shape3(2, 3, 4)).Data.AsSpan().Fill(value);
        return frame;
    }
}
