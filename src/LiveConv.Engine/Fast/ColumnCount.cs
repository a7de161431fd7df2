namespace LiveConv.Engine.Fast;

/// <summary>
/// How many vectors of adjacent output columns a register-blocked kernel accumulates at once, as a type (like
/// <see cref="IFilterCount"/>) so the JIT keeps only the accumulators it uses.
/// </summary>
internal interface IColumnCount
{
    static abstract int Value { get; }
}

internal readonly struct Columns1 : IColumnCount
{
    public static int Value => 1;
}

internal readonly struct Columns2 : IColumnCount
{
    public static int Value => 2;
}

internal readonly struct Columns3 : IColumnCount
{
    public static int Value => 3;
}

internal readonly struct Columns4 : IColumnCount
{
    public static int Value => 4;
}
