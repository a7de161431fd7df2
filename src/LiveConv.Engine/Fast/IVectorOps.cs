namespace LiveConv.Engine.Fast;

/// <summary>
/// The vector operations the kernels use, implemented once per width (<see cref="Vector512Ops"/> ... <see cref="ScalarOps"/>)
/// so each kernel is written once, generic over <typeparamref name="TVec"/>; the JIT specializes every struct instantiation,
/// so the abstraction costs nothing at run time.
/// </summary>
internal unsafe interface IVectorOps<TVec>
    where TVec : struct
{
    static abstract int Count { get; }

    /// <summary>Vector registers the tier has (AVX-512: 32; SSE and AVX2: 16), so a kernel can size its register block.</summary>
    static abstract int Registers { get; }

    static abstract TVec Zero { get; }

    static abstract TVec Load(float* p);

    static abstract void Store(TVec v, float* p);

    static abstract TVec Broadcast(float x);

    /// <summary>a·b + c, fused where the hardware can.</summary>
    static abstract TVec MultiplyAdd(TVec a, TVec b, TVec c);

    static abstract TVec Add(TVec a, TVec b);

    static abstract TVec Subtract(TVec a, TVec b);

    static abstract TVec Multiply(TVec a, TVec b);

    /// <summary>The faster non-IEEE max (the inputs are never NaN here).</summary>
    static abstract TVec Max(TVec a, TVec b);

    /// <summary>The faster non-IEEE min (the inputs are never NaN here).</summary>
    static abstract TVec Min(TVec a, TVec b);

    static abstract TVec Abs(TVec a);

    /// <summary>a where a &gt; 0, else a·slope.</summary>
    static abstract TVec LeakyRelu(TVec a, TVec slope);

    /// <summary>The max of each adjacent pair of lanes of lo‖hi, in order: Count outputs from 2·Count inputs.</summary>
    static abstract TVec PairMax(TVec lo, TVec hi);

    /// <summary>The last lane of <paramref name="before"/>, then the first Count − 1 lanes of <paramref name="a"/>: a shifted up a lane.</summary>
    static abstract TVec ShiftIn(TVec before, TVec a);

    /// <summary>
    /// Columns 0 to 6 of Count consecutive 4-column tiles (tile t from row[4t]; reads 5·Count floats), stored as seven
    /// vectors: to[s·Count + t] = row[4t + s].
    /// </summary>
    static abstract void TileColumns(float* row, float* to);

    /// <summary>The lanes of a and b interleaved, a0 b0 a1 b1 ...: the first Count in lo, the rest in hi.</summary>
    static abstract void Zip(TVec a, TVec b, out TVec lo, out TVec hi);
}
