using LiveConv.Video.Sources;

namespace LiveConv.Video.Tests.Sources;

/// <summary>
/// Issue 13, cameras: there is no camera here, so the devices are a made-up sysfs and /dev tree laid out as Linux
/// lays out a UVC webcam (two nodes: the capture node, index 0, and a metadata node, index 1) and a capture card.
/// </summary>
public sealed class CameraDirectoryTests
{
    private readonly string _root = Runs.TempDirectory();

    private CameraDirectory Tree()
    {
        string sysfs = Path.Combine(_root, "sys"), dev = Path.Combine(_root, "dev");
        Node(sysfs, dev, 0, "HD Pro Webcam C920", index: 0);
        Node(sysfs, dev, 1, "HD Pro Webcam C920", index: 1);
        Node(sysfs, dev, 10, "USB3 Capture", index: 0);
        Directory.CreateDirectory(Path.Combine(sysfs, "not-a-video-node"));
        string byId = Directory.CreateDirectory(Path.Combine(dev, "v4l", "by-id")).FullName;
        File.CreateSymbolicLink(Path.Combine(byId, "usb-046d_HD_Pro_Webcam_C920-video-index0"), "../../video10");
        return new CameraDirectory(sysfs, dev);
    }

    private static void Node(string sysfs, string dev, int n, string name, int index)
    {
        string dir = Directory.CreateDirectory(Path.Combine(sysfs, $"video{n}")).FullName;
        File.WriteAllText(Path.Combine(dir, "name"), name + "\n");
        File.WriteAllText(Path.Combine(dir, "index"), $"{index}\n");
        Directory.CreateDirectory(dev);
        File.WriteAllText(Path.Combine(dev, $"video{n}"), "");
    }

    [Fact]
    public void List_GivesEveryNodeByIndexWithItsName()
    {
        var tree = Tree();
        var devices = tree.List();

        Assert.Equal([0, 1, 10], devices.Select(d => d.Index));
        Assert.Equal(["HD Pro Webcam C920", "HD Pro Webcam C920", "USB3 Capture"], devices.Select(d => d.Name));
        Assert.Equal([true, false, true], devices.Select(d => d.FirstNode));
        Assert.Equal(Path.Combine(_root, "dev", "video10"), devices[2].Node);
    }

    [Fact]
    public void List_WithoutSysfs_IsEmpty() =>
        Assert.Empty(new CameraDirectory(Path.Combine(_root, "none"), _root).List());

    [Theory]
    [InlineData("/dev/video0", 0)]
    [InlineData("/dev/video12", 12)]
    [InlineData("/dev/sda", null)]
    [InlineData("/dev/videox", null)]
    public void IndexOfNode_ReadsTheNodesNumber(string path, int? index) =>
        Assert.Equal(index, CameraDirectory.IndexOfNode(path));

    [Fact]
    public void IndexOfNode_FollowsUdevsLinks()
    {
        Tree();
        Assert.Equal(10, CameraDirectory.IndexOfNode(Path.Combine(_root, "dev", "v4l", "by-id", "usb-046d_HD_Pro_Webcam_C920-video-index0")));
    }

    [Theory]
    [InlineData("HD Pro Webcam C920", 0)]
    [InlineData("hd pro webcam c920", 0)]
    [InlineData("USB3 Capture", 10)]
    [InlineData("Webcam", null)]
    public void FindByName_IsTheDevicesCapturingNode(string name, int? index) =>
        Assert.Equal(index, Tree().FindByName(name)?.Index);

    [Fact]
    public void ANodeWithNoCamera_SaysWhichNodeAndIndex()
    {
        var tree = Tree();
        var options = new SourceOptions("/dev/video10", 64, 48, 30, false, false, 1, false, false);

        var error = Assert.Throws<SourceException>(() => SourceFactory.Open(options, tree, out _));

        Assert.StartsWith("no camera at /dev/video10 (camera:10): ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ANameThatDoesNotOpen_SaysWhichNode()
    {
        var tree = Tree();
        var options = new SourceOptions("USB3 Capture", 64, 48, 30, false, false, 1, false, false);

        var error = Assert.Throws<SourceException>(() => SourceFactory.Open(options, tree, out _));

        Assert.StartsWith($"camera 'USB3 Capture' ({Path.Combine(_root, "dev", "video10")}) does not open: ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ADeviceThatIsNotAVideoNode_ListsTheCameras()
    {
        var options = new SourceOptions("/dev/sda", 64, 48, 30, false, false, 1, false, false);

        var error = Assert.Throws<SourceException>(() => SourceFactory.Open(options, Tree(), out _));

        Assert.Equal($"'/dev/sda' is not a video device node (/dev/videoN, or a link to one); cameras here: "
            + $"{Path.Combine(_root, "dev", "video0")} (HD Pro Webcam C920), {Path.Combine(_root, "dev", "video1")} (HD Pro Webcam C920), "
            + $"{Path.Combine(_root, "dev", "video10")} (USB3 Capture)", error.Message);
    }

    [Theory]
    [InlineData(0x47504A4D, "MJPG")]
    [InlineData(0x56595559, "YUYV")]
    [InlineData(0, "unknown format")]
    [InlineData(-1, "unknown format")]
    public void FourCcText_IsTheFourCharacters(int code, string text) =>
        Assert.Equal(text, CameraSource.FourCcText(code));
}
