using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace LiveConv.Engine.Fast;

/// <summary>
/// An array on the pinned object heap, so kernels can hold a raw pointer for the runner's lifetime. Its elements start
/// on a cache line: the heap aligns an array's data to 8 bytes only, so a vector of 64 bytes would otherwise straddle
/// two lines in every load and store, and how many did would change from process to process with where the array fell.
/// </summary>
internal sealed unsafe class PinnedArray<T>
    where T : unmanaged
{
    private const int LineBytes = 64;

    private readonly T[] _array;

    public PinnedArray(int length)
    {
        _array = GC.AllocateArray<T>(length + (LineBytes / sizeof(T)), pinned: true);
        T* first = (T*)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(_array));
        Pointer = first + ((LineBytes - (int)((nint)first % LineBytes)) % LineBytes / sizeof(T));
        Length = length;
    }

    public PinnedArray(ReadOnlySpan<T> values)
        : this(values.Length)
    {
        values.CopyTo(Span);
    }

    public T* Pointer { get; }

    public int Length { get; }

    public Span<T> Span => new(Pointer, Length);
}
