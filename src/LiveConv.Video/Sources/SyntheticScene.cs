using OpenCvSharp;

namespace LiveConv.Video.Sources;

/// <summary>
/// The built-in animated test scene, with lines and corners at known places: a one-pixel vertical bar sweeping
/// left to right, a horizontal one sweeping down, two boxes bouncing, a cross rotating, a checkerboard. The same
/// seed and frame index always draw the same picture.
/// </summary>
public sealed class SyntheticScene
{
    private static readonly Scalar Background = Scalar.All(40);
    private static readonly Scalar Bar = Scalar.All(255);
    private readonly int _width;
    private readonly int _height;
    private readonly double _fps;
    private readonly Random _layout;
    private readonly Point2d[] _boxStart;
    private readonly Point2d[] _boxVelocity;
    private readonly Scalar[] _boxColor;

    /// <summary>The smallest side the scene draws: its boxes and cross need room.</summary>
    public const int MinSide = 32;

    public SyntheticScene(int width, int height, double fps, int seed)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(width, MinSide);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, MinSide);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(fps);
        _width = width;
        _height = height;
        _fps = fps;
        _layout = new Random(seed);
        _boxStart = [NextPoint(), NextPoint()];
        _boxVelocity = [NextVelocity(), NextVelocity()];
        _boxColor = [NextColor(), NextColor()];
    }

    /// <summary>The column of the vertical bar in frame <paramref name="index"/>: it crosses the frame every 4 s.</summary>
    public int VerticalBarX(long index) => (int)(((index / _fps / 4.0) % 1.0) * _width);

    /// <summary>The row of the horizontal bar: it crosses the frame every 6 s.</summary>
    public int HorizontalBarY(long index) => (int)(((index / _fps / 6.0) % 1.0) * _height);

    public void Draw(long index, Mat canvas)
    {
        ArgumentNullException.ThrowIfNull(canvas);
        canvas.Create(_height, _width, MatType.CV_8UC3);
        canvas.SetTo(Background);
        double t = index / _fps;

        DrawCheckerboard(canvas);
        for (int i = 0; i < _boxStart.Length; i++)
        {
            DrawBox(canvas, i, t);
        }

        DrawCross(canvas, t);

        // The bars last, one pixel wide, so the lecture's line detectors find them exactly.
        int x = VerticalBarX(index);
        canvas.Line(new Point(x, 0), new Point(x, _height - 1), Bar, 1, LineTypes.Link4);
        int y = HorizontalBarY(index);
        canvas.Line(new Point(0, y), new Point(_width - 1, y), Bar, 1, LineTypes.Link4);
    }

    private void DrawCheckerboard(Mat canvas)
    {
        int cell = Math.Max(4, _height / 24);
        int left = _width - (8 * cell) - cell, top = _height - (8 * cell) - cell;
        for (int r = 0; r < 8; r++)
        {
            for (int c = 0; c < 8; c++)
            {
                var shade = (r + c) % 2 == 0 ? Scalar.All(220) : Scalar.All(70);
                canvas.Rectangle(new Rect(left + (c * cell), top + (r * cell), cell, cell), shade, -1);
            }
        }
    }

    private void DrawBox(Mat canvas, int i, double t)
    {
        int size = Math.Max(8, _height / 6);
        double x = Bounce(_boxStart[i].X + (_boxVelocity[i].X * t), _width - size);
        double y = Bounce(_boxStart[i].Y + (_boxVelocity[i].Y * t), _height - size);
        canvas.Rectangle(new Rect((int)x, (int)y, size, size), _boxColor[i], -1);
    }

    private void DrawCross(Mat canvas, double t)
    {
        var center = new Point2d(_width * 0.3, _height * 0.35);
        double arm = _height * 0.15, angle = t * Math.PI / 3;
        int thickness = Math.Max(3, _height / 90);
        for (int k = 0; k < 2; k++)
        {
            double a = angle + (k * Math.PI / 2);
            var d = new Point2d(Math.Cos(a) * arm, Math.Sin(a) * arm);
            canvas.Line((center - d).ToPoint(), (center + d).ToPoint(), new Scalar(60, 180, 240), thickness, LineTypes.AntiAlias);
        }
    }

    /// <summary>Position along a segment [0, max] for a point moving back and forth across it.</summary>
    private static double Bounce(double p, double max)
    {
        double period = 2 * max, m = ((p % period) + period) % period;
        return m <= max ? m : period - m;
    }

    private Point2d NextPoint() => new(_layout.NextDouble() * _width, _layout.NextDouble() * _height);

    private Point2d NextVelocity() => new((_layout.NextDouble() - 0.5) * _width * 0.5, (_layout.NextDouble() - 0.5) * _height * 0.5);

    private Scalar NextColor() => new(_layout.Next(60, 200), _layout.Next(60, 200), _layout.Next(60, 200));
}
