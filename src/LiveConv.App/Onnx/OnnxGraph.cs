using LiveConv.App.Cli;
using LiveConv.App.Configuration;
using Onnx;

namespace LiveConv.App.Onnx;

/// <summary>
/// The lookups an import needs over a model's graph, with the checks an untrusted file calls for: every tensor is
/// made once, a node only uses what an initializer, the graph's input or an earlier node made (ONNX requires
/// topological order; a later producer means nodes out of order or a cycle), and constants are typed.
/// </summary>
internal sealed class OnnxGraph
{
    private readonly Dictionary<string, int> _producer = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _consumers = new(StringComparer.Ordinal);
    private readonly Dictionary<string, TensorProto> _initializers = new(StringComparer.Ordinal);
    private readonly Dictionary<string, TensorProto> _constants = new(StringComparer.Ordinal);
    private readonly HashSet<string> _graphInputs = new(StringComparer.Ordinal);

    public OnnxGraph(OnnxModelFile file)
    {
        File = file;
        var graph = file.Graph;
        foreach (var tensor in graph.Initializer)
        {
            if (!_initializers.TryAdd(tensor.Name, tensor))
            {
                throw new ConfigException($"{file.Path}: initializer '{tensor.Name}' is given twice");
            }
        }

        // IR 3 files list the initializers among the inputs too; the network's input is the first one that is not.
        foreach (var input in graph.Input)
        {
            _graphInputs.Add(input.Name);
        }

        Input = graph.Input.FirstOrDefault(i => !_initializers.ContainsKey(i.Name))
            ?? throw new ConfigException($"{file.Path}: the graph has no input besides its initializers");

        for (int i = 0; i < graph.Node.Count; i++)
        {
            var node = graph.Node[i];
            foreach (string output in node.Output.Where(o => o.Length > 0))
            {
                if (_initializers.ContainsKey(output) || _graphInputs.Contains(output))
                {
                    throw new ConfigException($"{file.Path}: {Label(i)}: its output '{output}' is also an input or initializer of the graph");
                }

                if (!_producer.TryAdd(output, i))
                {
                    throw new ConfigException($"{file.Path}: {Label(i)}: its output '{output}' is already made by {Label(_producer[output])}");
                }
            }

            foreach (string input in node.Input.Where(n => n.Length > 0))
            {
                _consumers[input] = _consumers.GetValueOrDefault(input) + 1;
            }
        }

        foreach (var output in graph.Output)
        {
            _consumers[output.Name] = _consumers.GetValueOrDefault(output.Name) + 1;
        }
    }

    public OnnxModelFile File { get; }

    public IReadOnlyList<NodeProto> Nodes => File.Graph.Node;

    /// <summary>The network's input: the first graph input that is not an initializer.</summary>
    public ValueInfoProto Input { get; }

    /// <summary>How a message names node <paramref name="index"/>: its index, its name (else its first output) and its operator.</summary>
    public string Label(int index)
    {
        var node = Nodes[index];
        return $"node {index} '{Name(index)}' ({node.OpType})";
    }

    /// <summary>The node's name, or its first output's where it has none (what --through takes).</summary>
    public string Name(int index)
    {
        var node = Nodes[index];
        return node.Name.Length > 0 ? node.Name : node.Output.FirstOrDefault(o => o.Length > 0) ?? index.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    public ConfigException Error(int index, string message) => new($"{File.Path}: {Label(index)}: {message}");

    /// <summary>How many nodes (and graph outputs) read <paramref name="tensor"/>.</summary>
    public int Consumers(string tensor) => _consumers.GetValueOrDefault(tensor);

    /// <summary>Checks that node <paramref name="index"/> only uses tensors made before it.</summary>
    public void CheckInputs(int index)
    {
        foreach (string input in Nodes[index].Input.Where(n => n.Length > 0))
        {
            if (_initializers.ContainsKey(input) || _graphInputs.Contains(input))
            {
                continue;
            }

            if (!_producer.TryGetValue(input, out int producer))
            {
                throw Error(index, $"uses '{input}', which no node, initializer or graph input makes");
            }

            if (producer >= index)
            {
                throw Error(index, $"uses '{input}', which {Label(producer)} makes: the nodes are out of order or in a cycle");
            }
        }
    }

    /// <summary>Remembers a Constant node's value under its output's name.</summary>
    public void AddConstant(string name, TensorProto value) => _constants[name] = value;

    /// <summary>The value of an initializer or Constant output, or null for a tensor computed at run time.</summary>
    public TensorProto? Constant(string name) =>
        _constants.TryGetValue(name, out var value) ? value : _initializers.GetValueOrDefault(name);

    /// <summary>
    /// The index of the node <paramref name="through"/> names: a node's name, one of its outputs, or an index.
    /// </summary>
    public int Find(string through)
    {
        for (int i = 0; i < Nodes.Count; i++)
        {
            if (Nodes[i].Name == through || Nodes[i].Output.Contains(through))
            {
                return i;
            }
        }

        if (int.TryParse(through, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int index) && index < Nodes.Count)
        {
            return index;
        }

        throw new UsageException($"--through: no node of {File.Path} is named or makes '{through}', and it is not an index from 0 to {Nodes.Count - 1}");
    }
}
