using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace LiveConv.Engine.Fast;

/// <summary>An array on the pinned object heap, so kernels can hold a raw pointer for the runner's lifetime.</summary>
internal sealed unsafe class PinnedArray<T>
    where T : unmanaged
{
    public PinnedArray(int length)
    {
        Array = GC.AllocateArray<T>(length, pinned: true);
        Pointer = (T*)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(Array));
    }

    public PinnedArray(ReadOnlySpan<T> values)
        : this(values.Length)
    {
        values.CopyTo(Array);
    }

    public T[] Array { get; }

    public T* Pointer { get; }
}
