using System.Buffers.Binary;

namespace LiveConv.Video.Tests.Corpus;

/// <summary>
/// Makes an MP4 a phone video held upright: its track header's display matrix turned a quarter (ffprobe then says
/// rotation -90, players show it 64x96). The system's ffmpeg 5.1 has no -display_rotation, so the matrix is written here.
/// </summary>
internal static class Mp4Rotation
{
    public static void SetQuarterTurn(string path)
    {
        byte[] bytes = File.ReadAllBytes(path);
        int tkhd = bytes.AsSpan().IndexOf("tkhd"u8);
        Assert.True(tkhd > 0, "the MP4 has a track header");
        Assert.Equal(0, bytes[tkhd + 4]); // version 0: 32-bit times
        // After the type: version and flags, created, modified, track id, reserved, duration (4 each), reserved (8),
        // layer, group, volume, reserved (2 each); then the 3x3 matrix in 16.16 and 2.30 fixed point.
        int matrix = tkhd + 4 + 24 + 8 + 8;
        int[] quarterTurn = [0, 0x10000, 0, -0x10000, 0, 0, 0, 0, 0x40000000];
        for (int i = 0; i < 9; i++)
        {
            BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(matrix + 4 * i), quarterTurn[i]);
        }

        File.WriteAllBytes(path, bytes);
    }
}
