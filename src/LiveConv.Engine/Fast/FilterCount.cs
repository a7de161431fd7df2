namespace LiveConv.Engine.Fast;

/// <summary>
/// How many filters a register-blocked kernel accumulates at once, as a type so the JIT folds every
/// <c>if (TF.Value &gt; f)</c> and keeps only the accumulators it uses.
/// </summary>
internal interface IFilterCount
{
    static abstract int Value { get; }
}

internal readonly struct Filters1 : IFilterCount
{
    public static int Value => 1;
}

internal readonly struct Filters2 : IFilterCount
{
    public static int Value => 2;
}

internal readonly struct Filters3 : IFilterCount
{
    public static int Value => 3;
}

internal readonly struct Filters4 : IFilterCount
{
    public static int Value => 4;
}

internal readonly struct Filters5 : IFilterCount
{
    public static int Value => 5;
}

internal readonly struct Filters6 : IFilterCount
{
    public static int Value => 6;
}
