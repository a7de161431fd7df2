using LiveConv.Engine.Layers;
using LiveConv.Engine.Tensors;

namespace LiveConv.Engine.Fast;

/// <summary>
/// Consecutive layers run as one pass over row bands: [conv or pad] [element-wise steps] [pool] [element-wise steps],
/// at least one of them (or none: the input group, which materializes the converted frame for an add of the input).
/// The element-wise steps are activations, scale-shifts and adds. Right after a conv, its scale-shifts fold into the
/// weights and the activations after them run in the kernel's registers; the other steps run on the band in place.
/// A group ends at a layer whose output must be materialized (asked for, an add's operand, or the last).
/// </summary>
internal sealed class LayerGroup
{
    private LayerGroup(int first, int last, Shape3 input, Shape3 convOutput, Shape3 output, Layer? head,
        IReadOnlyList<ScaleShift> folded, ActivationChain kernelChain, RowSteps pre, Pool2d? pool, RowSteps post)
    {
        FirstLayer = first;
        LastLayer = last;
        Input = input;
        ConvOutput = convOutput;
        Output = output;
        Conv = head as Conv2d;
        Pad = head as Pad2d;
        Folded = folded;
        KernelActivations = kernelChain;
        PreSteps = pre;
        Pool = pool;
        PostSteps = post;
    }

    public int FirstLayer { get; }

    /// <summary>The group's last layer; −1 for the input group.</summary>
    public int LastLayer { get; }

    public Shape3 Input { get; }

    /// <summary>The shape the pool (or the output) sees: the conv's or pad's output, or the input when there is neither.</summary>
    public Shape3 ConvOutput { get; }

    public Shape3 Output { get; }

    public Conv2d? Conv { get; }

    public Pad2d? Pad { get; }

    /// <summary>Scale-shifts right after the conv, in order, folded into its weights and bias.</summary>
    public IReadOnlyList<ScaleShift> Folded { get; }

    /// <summary>The activations the conv kernel applies before storing (after the folded scale-shifts).</summary>
    public ActivationChain KernelActivations { get; }

    /// <summary>Steps before the pool not done by the kernel, on the conv's (or pad's, or input's) rows.</summary>
    public RowSteps PreSteps { get; }

    public Pool2d? Pool { get; }

    public RowSteps PostSteps { get; }

    /// <summary>The group that turns the frame into the network's input tensor, for adds of the input.</summary>
    public static LayerGroup ForInput(Shape3 input) =>
        new(0, -1, input, input, input, null, [], ActivationChain.Empty, RowSteps.Empty, null, RowSteps.Empty);

    public static IReadOnlyList<LayerGroup> Plan(Network network, IReadOnlySet<int> materialized)
    {
        var groups = new List<LayerGroup>();
        var layers = network.Layers;
        int i = 0;
        while (i < layers.Count)
        {
            int first = i;
            bool Take(int index) => index < layers.Count && (index == first || !materialized.Contains(index - 1));

            Layer? head = null;
            Pool2d? pool = null;
            if (layers[i] is Conv2d or Pad2d)
            {
                head = layers[i];
                i++;
            }

            var folded = new List<ScaleShift>();
            var kernelChain = new List<Activation>();
            if (head is Conv2d)
            {
                while (Take(i) && layers[i] is ScaleShift s)
                {
                    folded.Add(s);
                    i++;
                }

                while (Take(i) && layers[i] is Activation a)
                {
                    kernelChain.Add(a);
                    i++;
                }
            }

            var pre = TakeSteps(layers, ref i, Take);
            var post = new List<Layer>();
            if (Take(i) && layers[i] is Pool2d p)
            {
                pool = p;
                i++;
                post = TakeSteps(layers, ref i, Take);
            }

            if (i == first)
            {
                throw new NotSupportedException($"The fast engine does not know layer type '{layers[i].Type}'.");
            }

            int last = i - 1;
            int convLayer = first + (head is null ? -1 : 0);
            var convOutput = convLayer < first ? network.InputShapeOf(first) : network.Shapes[convLayer];
            groups.Add(new LayerGroup(first, last, network.InputShapeOf(first), convOutput, network.Shapes[last], head, folded,
                new ActivationChain(kernelChain), new RowSteps(pre), pool, new RowSteps(post)));
        }

        return groups;
    }

    private static List<Layer> TakeSteps(IReadOnlyList<Layer> layers, ref int i, Func<int, bool> take)
    {
        var steps = new List<Layer>();
        while (take(i) && layers[i] is Activation or ScaleShift or ResidualAdd)
        {
            steps.Add(layers[i]);
            i++;
        }

        return steps;
    }
}
