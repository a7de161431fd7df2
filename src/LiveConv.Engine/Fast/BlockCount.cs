namespace LiveConv.Engine.Fast;

/// <summary>
/// How many filters, or vectors of columns, a register-blocked kernel accumulates at once, as a type so the JIT folds
/// every <c>if (TF.Value &gt; f)</c> and keeps only the accumulators it uses.
/// </summary>
internal interface IBlockCount
{
    static abstract int Value { get; }
}

internal readonly struct Count1 : IBlockCount
{
    public static int Value => 1;
}

internal readonly struct Count2 : IBlockCount
{
    public static int Value => 2;
}

internal readonly struct Count3 : IBlockCount
{
    public static int Value => 3;
}

internal readonly struct Count4 : IBlockCount
{
    public static int Value => 4;
}

internal readonly struct Count5 : IBlockCount
{
    public static int Value => 5;
}

internal readonly struct Count6 : IBlockCount
{
    public static int Value => 6;
}
