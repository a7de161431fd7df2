using LiveConv.Engine.Fast;
using LiveConv.Engine.Kernels;
using LiveConv.Engine.Layers;
using LiveConv.Engine.Tensors;
using LiveConv.Engine.Tests.Workloads;

namespace LiveConv.Engine.Tests.Fast;

/// <summary>Strided convolutions through the direct kernel (column phases), every stride up to 3, with and without fused pooling.</summary>
public class StridedConvolutionTests
{
    public static TheoryData<int, int> Strides()
    {
        var data = new TheoryData<int, int>();
        for (int sh = 1; sh <= 3; sh++)
        {
            for (int sw = 1; sw <= 3; sw++)
            {
                data.Add(sh, sw);
            }
        }

        return data;
    }

    [Theory]
    [Trait("Category", "Simd")]
    [MemberData(nameof(Strides))]
    public void Strided_convolution_matches_reference(int strideHeight, int strideWidth)
    {
        var random = new Random((strideHeight * 10) + strideWidth);
        var kernels = Enumerable.Range(0, 5).Select(i => Kernel.Create(
            $"k{i}", 3, 4, 3, Enumerable.Range(0, 36).Select(_ => (float)random.NextDouble() - 0.5f).ToArray(), 0.1f * i)).ToArray();
        foreach (int width in new[] { 7, 33, 65, 129 })
        {
            foreach (bool pool in new[] { false, true })
            {
                var layers = new List<Layer>
                {
                    new Conv2d(kernels, new Size2(strideHeight, strideWidth), Padding.Explicit(1, 2), PaddingMode.Reflect, new Size2(1, 2)),
                    new Activation(ActivationKind.LeakyRelu),
                };
                if (pool)
                {
                    layers.Add(new MaxPool2d(Size2.Square(2)));
                }

                var network = new Network(new InputSpec(PixelFormat.Bgr, InputSpec.DefaultScale, width, 13), layers);
                foreach (var tier in FastAssert.Tiers())
                {
                    FastAssert.MatchesReference(network, StandardWorkloads.Frame(network, width), PixelFormat.Bgr,
                        new RunnerOptions { Tier = tier, MaxDegreeOfParallelism = 2 });
                }
            }
        }
    }
}
