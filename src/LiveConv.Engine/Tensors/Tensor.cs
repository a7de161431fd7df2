namespace LiveConv.Engine.Tensors;

/// <summary>A float32 tensor in CHW layout: the feature maps one layer hands to the next.</summary>
public sealed class Tensor
{
    public Tensor(Shape3 shape)
        : this(shape, new float[shape.Length])
    {
    }

    public Tensor(Shape3 shape, float[] data)
    {
        if (shape.Channels <= 0 || shape.Height <= 0 || shape.Width <= 0)
        {
            throw new ArgumentException($"A tensor needs positive dimensions, got {shape}.", nameof(shape));
        }

        ArgumentNullException.ThrowIfNull(data);
        if (data.Length != shape.Length)
        {
            throw new ArgumentException($"Shape {shape} needs {shape.Length} values, got {data.Length}.", nameof(data));
        }

        Shape = shape;
        Data = data;
    }

    public Shape3 Shape { get; }

    public float[] Data { get; }

    public int Channels => Shape.Channels;

    public int Height => Shape.Height;

    public int Width => Shape.Width;

    public float this[int c, int y, int x]
    {
        get => Data[Index(c, y, x)];
        set => Data[Index(c, y, x)] = value;
    }

    /// <summary>One channel's plane, row-major.</summary>
    public Span<float> Channel(int c) => Data.AsSpan(c * Shape.PlaneLength, Shape.PlaneLength);

    /// <summary>Builds a single-channel tensor from rows, for examples and tests.</summary>
    public static Tensor FromRows(float[][] rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var shape = new Shape3(1, rows.Length, rows.Length == 0 ? 0 : rows[0].Length);
        var t = new Tensor(shape);
        for (int y = 0; y < shape.Height; y++)
        {
            if (rows[y].Length != shape.Width)
            {
                throw new ArgumentException("All rows must have the same length.", nameof(rows));
            }

            rows[y].CopyTo(t.Data, y * shape.Width);
        }

        return t;
    }

    private int Index(int c, int y, int x) => ((c * Shape.Height) + y) * Shape.Width + x;
}
