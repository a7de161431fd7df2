using LiveConv.Engine.Layers;
using Onnx;

namespace LiveConv.App.Onnx;

/// <summary>Relu, LeakyRelu, Clip, the residual Add, arithmetic by constants, and the nodes that pass their input on.</summary>
public sealed partial class OnnxImporter
{
    private Activation Elementwise(NodeProto node, Activation layer)
    {
        TakeChain(node);
        return layer;
    }

    /// <summary>Before opset 11 the bounds are attributes, since then optional inputs; absent means unbounded.</summary>
    private Activation Clip(int i, NodeProto node, NodeAttributes attributes)
    {
        float min, max;
        if (Opset < 11)
        {
            min = attributes.Float("min", float.MinValue);
            max = attributes.Float("max", float.MaxValue);
        }
        else
        {
            min = node.Input.Count > 1 && node.Input[1].Length > 0 ? Scalar(i, node, 1, "min") : float.MinValue;
            max = node.Input.Count > 2 && node.Input[2].Length > 0 ? Scalar(i, node, 2, "max") : float.MaxValue;
        }

        // An infinite bound clips nothing on finite values; the config format holds finite numbers only.
        return Activation.Clip(Math.Clamp(min, float.MinValue, float.MaxValue), Math.Clamp(max, float.MinValue, float.MaxValue));
    }

    /// <summary>Add of two computed tensors: the chain so far plus an earlier layer's output (or the input).</summary>
    private ResidualAdd Residual(int i, NodeProto node)
    {
        if (node.Input.Count != 2)
        {
            throw _graph.Error(i, $"has {node.Input.Count} inputs; expected 2");
        }

        int chain = node.Input[0] == _current ? 0 : node.Input[1] == _current ? 1 : -1;
        if (chain < 0)
        {
            throw new UnsupportedNodeException($"neither of its inputs is '{_current}' (the output so far); a LiveConv network is one chain");
        }

        TakeChain(node, chain);
        string other = node.Input[1 - chain];
        if (!_layerOf.TryGetValue(other, out int from))
        {
            throw new UnsupportedNodeException($"its other input '{other}' is not the output of an imported layer or the input");
        }

        var otherShape = from == ResidualAdd.NetworkInput ? _inputShape : _shapes[from];
        if (otherShape != _shape)
        {
            throw _graph.Error(i, $"adds '{other}' {otherShape} to '{_current}' {_shape}; the shapes must be equal");
        }

        return new ResidualAdd(from);
    }

    /// <summary>
    /// Add, Sub, Mul or Div with one constant operand (one value or one per channel): a scale and shift, or, while
    /// nothing but such steps came before, part of the input's normalization (what PyTorch exports carry).
    /// </summary>
    private void Arithmetic(int i, NodeProto node, NodeAttributes attributes)
    {
        if (node.Input.Count != 2)
        {
            throw _graph.Error(i, $"has {node.Input.Count} inputs; expected 2");
        }

        var left = Constant(node.Input, 0);
        var right = Constant(node.Input, 1);
        if (left is not null && right is not null)
        {
            throw new UnsupportedNodeException("both its inputs are constants");
        }

        if (left is null && right is null)
        {
            throw new UnsupportedNodeException("it combines two computed tensors; only Add of two (a residual) has a layer");
        }

        int chain = left is null ? 0 : 1;
        TakeChain(node, chain);
        var (raw, tensor) = Floats(i, node, 1 - chain, "constant");
        var c = ChannelConstant.Expand(raw, tensor, _shape.Channels, attributes, Opset);
        var scale = new double[c.Length];
        var shift = new double[c.Length];
        for (int k = 0; k < c.Length; k++)
        {
            (scale[k], shift[k]) = (node.OpType, chain) switch
            {
                ("Add", _) => (1d, c[k]),
                ("Sub", 0) => (1d, -c[k]),
                ("Sub", _) => (-1d, c[k]),
                ("Mul", _) => (c[k], 0d),
                ("Div", 0) when c[k] != 0 => (1 / (double)c[k], 0d),
                ("Div", 0) => throw _graph.Error(i, $"divides channel {k} by 0"),
                _ => throw new UnsupportedNodeException("it divides a constant by the tensor"),
            };
        }

        if (_layers.Count == 0)
        {
            for (int k = 0; k < c.Length; k++)
            {
                _inputMultiplier[k] *= scale[k];
                _inputOffset[k] = (_inputOffset[k] * scale[k]) + shift[k];
            }

            _current = node.Output[0];
            _layerOf[_current] = ResidualAdd.NetworkInput;
            _layerOf.Remove(_graph.Input.Name);
            _lastLayerNode = i;
            return;
        }

        Push(i, new ScaleShift(scale.Select(v => (float)v).ToArray(), shift.Select(v => (float)v).ToArray()));
    }

    /// <summary>Identity, and Dropout at inference (whose mask output, if used, LiveConv does not compute).</summary>
    private void PassThrough(NodeProto node)
    {
        TakeChain(node);
        if (node.OpType == "Dropout" && Opset >= 12 && node.Input.Count > 2 && node.Input[2].Length > 0)
        {
            var training = Constant(node.Input, 2) ?? throw new UnsupportedNodeException("its training_mode is computed");
            if (training.Int32Data.Any(v => v != 0) || training.RawData.Span.IndexOfAnyExcept((byte)0) >= 0)
            {
                throw new UnsupportedNodeException("training_mode is true");
            }
        }

        _current = node.Output[0];
        _layerOf[_current] = _layerOf[node.Input[0]];
    }
}
