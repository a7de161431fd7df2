using LiveConv.App.Configuration;
using LiveConv.Engine.Kernels;
using LiveConv.Engine.Layers;
using LiveConv.Engine.Tensors;
using Onnx;

namespace LiveConv.App.Onnx;

/// <summary>Conv and BatchNormalization: the weights, their kernels, and BatchNormalization folded into the conv before it or on its own.</summary>
public sealed partial class OnnxImporter
{
    private Conv2d Conv(int i, NodeProto node, NodeAttributes attributes)
    {
        TakeChain(node);
        if (node.Input.Count < 2)
        {
            throw _graph.Error(i, "has no weights");
        }

        var (weights, tensor) = Floats(i, node, 1, "weights");
        if (tensor.Dims.Count != 4)
        {
            throw new UnsupportedNodeException($"its weights have dims {TensorReader.Dims(tensor)}; LiveConv convolves images (4D weights)");
        }

        if (tensor.Dims.Any(d => d < 1 || d > ConfigNode.MaxDimension))
        {
            throw _graph.Error(i, $"weights '{node.Input[1]}' have dims {TensorReader.Dims(tensor)}; each must be from 1 to {ConfigNode.MaxDimension}");
        }

        int filters = (int)tensor.Dims[0], depth = (int)tensor.Dims[1], kh = (int)tensor.Dims[2], kw = (int)tensor.Dims[3];
        long group = attributes.Int("group", 1);
        if (group < 1 || group > _shape.Channels || depth * group != _shape.Channels || filters % group != 0)
        {
            throw _graph.Error(i, $"group {group} with weights {TensorReader.Dims(tensor)} does not fit an input of {_shape.Channels} channels");
        }

        var kernelShape = attributes.Ints("kernel_shape");
        if (kernelShape is not null && (kernelShape.Length != 2 || kernelShape[0] != kh || kernelShape[1] != kw))
        {
            throw _graph.Error(i, $"kernel_shape [{string.Join(", ", kernelShape)}] does not match the weights {TensorReader.Dims(tensor)}");
        }

        var bias = node.Input.Count > 2 && node.Input[2].Length > 0 ? ChannelValues(i, node, 2, "bias", filters) : new float[filters];
        var window = SpatialWindow.Read(attributes, new Size2(kh, kw), _shape, hasDilations: true, message => _graph.Error(i, message));
        NoteAutoPad(i, attributes, window.Pads);
        int per = depth * kh * kw;
        var kernels = new Kernel[filters];
        for (int k = 0; k < filters; k++)
        {
            kernels[k] = NewKernel(i, KernelName(k), depth, kh, kw, weights.AsSpan(k * per, per), bias[k]);
        }

        return new Conv2d(kernels, window.Stride, Padding.Explicit(window.Pads), PaddingMode.Zeros, window.Dilation, (int)group);
    }

    private static string KernelName(int k) => $"f{k}";

    private Kernel NewKernel(int i, string name, int depth, int height, int width, ReadOnlySpan<float> weights, float bias)
    {
        try
        {
            return Kernel.Create(name, depth, height, width, weights, bias);
        }
        catch (ArgumentException e)
        {
            throw _graph.Error(i, e.Message);
        }
    }

    private void NoteAutoPad(int i, NodeAttributes attributes, Borders pads)
    {
        string mode = attributes.String("auto_pad", "NOTSET");
        if (mode is "SAME_UPPER" or "SAME_LOWER")
        {
            _notes.Add($"{_graph.Label(i)}: auto_pad {mode} on {_shape.Height}x{_shape.Width} is pads {pads}");
        }
    }

    /// <summary>
    /// y = (x − mean)·γ/√(var + ε) + β per channel. Right after a convolution whose output nothing else reads, it is
    /// folded into that convolution: w·s and (b − mean)·s + β with s = γ/√(var + ε); otherwise a scale and shift.
    /// </summary>
    private void BatchNormalization(int i, NodeProto node, NodeAttributes attributes)
    {
        TakeChain(node);
        if (node.Input.Count != 5)
        {
            throw _graph.Error(i, $"has {node.Input.Count} inputs; expected X, scale, B, mean and var");
        }

        if (Opset < 9 && attributes.Int("spatial", 1) != 1)
        {
            throw new UnsupportedNodeException("spatial=0 (statistics per position) has no LiveConv layer");
        }

        if (attributes.Int("training_mode", 0) != 0)
        {
            throw new UnsupportedNodeException("training_mode=1 computes batch statistics; LiveConv runs inference");
        }

        int channels = _shape.Channels;
        var gamma = ChannelValues(i, node, 1, "scale", channels);
        var beta = ChannelValues(i, node, 2, "B", channels);
        var mean = ChannelValues(i, node, 3, "mean", channels);
        var variance = ChannelValues(i, node, 4, "var", channels);
        double epsilon = attributes.Float("epsilon", 1e-5f);
        var scale = new float[channels];
        var shift = new float[channels];
        for (int c = 0; c < channels; c++)
        {
            double s = gamma[c] / Math.Sqrt(variance[c] + epsilon);
            if (!double.IsFinite(s))
            {
                throw _graph.Error(i, $"channel {c}: var {variance[c]} + epsilon {epsilon} gives no finite scale");
            }

            scale[c] = (float)s;
            shift[c] = (float)(beta[c] - (mean[c] * s));
        }

        string input = node.Input[0];
        if (_layers.Count > 0 && _layers[^1] is Conv2d conv && _layerOf[input] == _layers.Count - 1 && _graph.Consumers(input) == 1)
        {
            var folded = conv.Kernels.Select((k, f) =>
            {
                var weights = k.Weights.ToArray();
                for (int j = 0; j < weights.Length; j++)
                {
                    weights[j] = (float)(weights[j] * (double)scale[f]);
                }

                return NewKernel(i, k.Name, k.Depth ?? 1, k.Height, k.Width, weights, (float)((k.Bias * (double)scale[f]) + shift[f]));
            }).ToArray();
            _layers[^1] = new Conv2d(folded, conv.Stride, conv.Padding, conv.PaddingMode, conv.Dilation, conv.Groups);
            _current = node.Output[0];
            _layerOf[_current] = _layers.Count - 1;
            _notes.Add($"{_graph.Label(i)} folded into the weights and bias of {_graph.Label(_lastLayerNode)}");
            _lastLayerNode = i;
            return;
        }

        Push(i, new ScaleShift(scale, shift));
    }
}
