using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using LiveConv.Engine.Tensors;

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
    private readonly bool _lineAligned;

    /// <param name="lineAligned">
    /// False for an array that is used whole (a <see cref="Tensor"/>'s data, which starts at its array's start): its
    /// elements then start wherever the heap put them.
    /// </param>
    public PinnedArray(int length, bool lineAligned = true)
    {
        _array = GC.AllocateArray<T>(length + (lineAligned ? LineBytes / sizeof(T) : 0), pinned: true);
        T* first = (T*)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(_array));
        Pointer = lineAligned ? first + ((LineBytes - (int)((nint)first % LineBytes)) % LineBytes / sizeof(T)) : first;
        Length = length;
        _lineAligned = lineAligned;
    }

    public T* Pointer { get; }

    public int Length { get; }

    public Span<T> Span => new(Pointer, Length);

    /// <summary>The array itself, element 0 at <see cref="Pointer"/>: only for one made not line-aligned.</summary>
    public T[] Array => _lineAligned ? throw new InvalidOperationException("a line-aligned pinned array is not used whole") : _array;
}
