using LiveConv.Engine.Layers;
using LiveConv.Engine.Tensors;

namespace LiveConv.Engine.Fast;

/// <summary>
/// Consecutive layers run as one pass over row bands: [conv] [activations] [pool] [activations], at least one of
/// them. A group ends at a layer whose output must be materialized (asked for, or the last).
/// </summary>
internal sealed class LayerGroup
{
    private LayerGroup(int first, int last, Shape3 input, Shape3 convOutput, Shape3 output, Conv2d? conv,
        ActivationChain pre, Pool2d? pool, ActivationChain post)
    {
        FirstLayer = first;
        LastLayer = last;
        Input = input;
        ConvOutput = convOutput;
        Output = output;
        Conv = conv;
        PreActivations = pre;
        Pool = pool;
        PostActivations = post;
    }

    public int FirstLayer { get; }

    public int LastLayer { get; }

    public Shape3 Input { get; }

    /// <summary>The shape the pool (or the output) sees: the conv's output, or the input when there is no conv.</summary>
    public Shape3 ConvOutput { get; }

    public Shape3 Output { get; }

    public Conv2d? Conv { get; }

    public ActivationChain PreActivations { get; }

    public Pool2d? Pool { get; }

    public ActivationChain PostActivations { get; }

    public static IReadOnlyList<LayerGroup> Plan(Network network, IReadOnlySet<int> materialized)
    {
        var groups = new List<LayerGroup>();
        var layers = network.Layers;
        int i = 0;
        while (i < layers.Count)
        {
            int first = i;
            bool Take(int index) => index < layers.Count && (index == first || !materialized.Contains(index - 1));

            Conv2d? conv = null;
            Pool2d? pool = null;
            var pre = new List<Activation>();
            var post = new List<Activation>();
            if (layers[i] is Conv2d c)
            {
                conv = c;
                i++;
            }

            while (Take(i) && layers[i] is Activation a)
            {
                pre.Add(a);
                i++;
            }

            if (Take(i) && layers[i] is Pool2d p)
            {
                pool = p;
                i++;
                while (Take(i) && layers[i] is Activation a2)
                {
                    post.Add(a2);
                    i++;
                }
            }

            if (i == first)
            {
                throw new NotSupportedException($"The fast engine does not know layer type '{layers[i].Type}'.");
            }

            int last = i - 1;
            var convOutput = conv is null ? network.InputShapeOf(first) : network.Shapes[first];
            groups.Add(new LayerGroup(first, last, network.InputShapeOf(first), convOutput, network.Shapes[last], conv,
                new ActivationChain(pre), pool, new ActivationChain(post)));
        }

        return groups;
    }
}
