using Onnx;

namespace LiveConv.App.Onnx;

/// <summary>
/// A constant operand of Add, Sub, Mul or Div as one value per channel. ONNX broadcasts from the last axis, so a
/// per-channel constant has dims [C, 1, 1] or [1, C, 1, 1] (a plain [C] would run along the width); a single value
/// is the same for every channel. Before opset 7 broadcasting was asked for with broadcast=1 and axis=1 on a [C].
/// </summary>
internal static class ChannelConstant
{
    public static float[] Expand(float[] values, TensorProto tensor, int channels, NodeAttributes attributes, long opset)
    {
        var dims = tensor.Dims.ToArray();
        if (values.Length == 1)
        {
            return Enumerable.Repeat(values[0], channels).ToArray();
        }

        bool legacyPerChannel = opset < 7 && attributes.Int("broadcast", 0) == 1 && attributes.Int("axis", -1) == 1 && dims.Length == 1;
        if (legacyPerChannel && dims[0] == channels)
        {
            return values;
        }

        var aligned = Enumerable.Repeat(1L, Math.Max(0, 4 - dims.Length)).Concat(dims).ToArray();
        bool perChannel = opset >= 7 && aligned.Length == 4 && aligned[0] == 1 && aligned[1] == channels && aligned[2] == 1 && aligned[3] == 1;
        return perChannel
            ? values
            : throw new UnsupportedNodeException(
                $"its constant of dims [{string.Join(", ", dims)}] is neither one value nor one per channel ([{channels}, 1, 1])");
    }
}
