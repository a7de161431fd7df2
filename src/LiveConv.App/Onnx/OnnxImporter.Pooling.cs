using LiveConv.App.Configuration;
using LiveConv.Engine.Layers;
using LiveConv.Engine.Tensors;
using Onnx;

namespace LiveConv.App.Onnx;

/// <summary>MaxPool, AveragePool and Pad: their windows, pads and modes across the opsets where they changed.</summary>
public sealed partial class OnnxImporter
{
    /// <summary>ceil_mode and MaxPool's dilations came with opset 10, count_include_pad with 7 (default 0, unlike PyTorch).</summary>
    private Pool2d Pool(int i, NodeProto node, NodeAttributes attributes)
    {
        TakeChain(node);
        bool max = node.OpType == "MaxPool";
        var kernelShape = attributes.Ints("kernel_shape") ?? throw _graph.Error(i, "has no kernel_shape");
        var kernel = SpatialWindow.Pair(kernelShape, "kernel_shape", 1, message => _graph.Error(i, message));
        bool dilations = max ? Opset >= 10 : Opset >= 19;
        var window = SpatialWindow.Read(attributes, kernel, _shape, dilations, message => _graph.Error(i, message));
        NoteAutoPad(i, attributes, window.Pads);
        bool ceil = Opset >= 10 && attributes.Int("ceil_mode", 0) != 0;
        if (max)
        {
            return new MaxPool2d(kernel, window.Stride, window.Pads, ceil, window.Dilation);
        }

        if (window.Dilation != Size2.Square(1))
        {
            throw new UnsupportedNodeException($"dilations {window.Dilation} on an average pool");
        }

        bool countIncludePad = Opset >= 7 && attributes.Int("count_include_pad", 0) != 0;
        return new AvgPool2d(kernel, window.Stride, window.Pads, ceil, countIncludePad);
    }

    /// <summary>Pads are an attribute ("paddings" in opset 1, "pads" to 10), then an int64 input (with axes from 18).</summary>
    private Pad2d Pad(int i, NodeProto node, NodeAttributes attributes)
    {
        TakeChain(node);
        string modeName = attributes.String("mode", "constant");
        var mode = modeName switch
        {
            "constant" => PadMode.Constant,
            "reflect" => PadMode.Reflect,
            "edge" => PadMode.Edge,
            _ => throw new UnsupportedNodeException($"mode \"{modeName}\""),
        };

        long[] pads;
        float value = 0;
        if (Opset < 11)
        {
            pads = attributes.Ints(Opset < 2 ? "paddings" : "pads") ?? throw _graph.Error(i, "has no pads");
            value = attributes.Float("value", 0);
        }
        else
        {
            var padsTensor = Constant(node.Input, 1) ?? throw new UnsupportedNodeException("its pads are computed, not a constant");
            pads = _tensors.Int64s(padsTensor, message => _graph.Error(i, $"pads '{node.Input[1]}': {message}"));
            if (node.Input.Count > 2 && node.Input[2].Length > 0)
            {
                value = Scalar(i, node, 2, "constant_value");
            }

            if (node.Input.Count > 3 && node.Input[3].Length > 0)
            {
                var axesTensor = Constant(node.Input, 3) ?? throw new UnsupportedNodeException("its axes are computed, not a constant");
                pads = AllAxes(i, pads, _tensors.Int64s(axesTensor, message => _graph.Error(i, $"axes '{node.Input[3]}': {message}")));
            }
        }

        if (pads.Length != 8)
        {
            throw _graph.Error(i, $"pads [{string.Join(", ", pads)}] do not have 8 values (begin and end of N, C, H, W)");
        }

        if (pads[0] != 0 || pads[1] != 0 || pads[4] != 0 || pads[5] != 0)
        {
            throw new UnsupportedNodeException($"pads [{string.Join(", ", pads)}] pad the batch or channel axis");
        }

        if (pads.Any(p => p < 0 || p > ConfigNode.MaxDimension))
        {
            throw new UnsupportedNodeException($"pads [{string.Join(", ", pads)}] must be from 0 to {ConfigNode.MaxDimension} (a negative pad crops)");
        }

        return new Pad2d(new Borders((int)pads[2], (int)pads[6], (int)pads[3], (int)pads[7]), mode, value);
    }

    /// <summary>Pads given for some axes (opset 18's axes input) spread over all four, the others 0.</summary>
    private long[] AllAxes(int i, long[] pads, long[] axes)
    {
        if (pads.Length != 2 * axes.Length)
        {
            throw _graph.Error(i, $"has {pads.Length} pads for {axes.Length} axes; expected two per axis");
        }

        var all = new long[8];
        for (int a = 0; a < axes.Length; a++)
        {
            long axis = axes[a] < 0 ? axes[a] + 4 : axes[a];
            if (axis is < 0 or > 3)
            {
                throw _graph.Error(i, $"axis {axes[a]} is not one of a 4D tensor's");
            }

            all[axis] = pads[a];
            all[axis + 4] = pads[a + axes.Length];
        }

        return all;
    }
}
