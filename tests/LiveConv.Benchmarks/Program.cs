using System.CommandLine;
using BenchmarkDotNet.Running;
using LiveConv.Benchmarks;
using LiveConv.Benchmarks.Peers;
using LiveConv.Benchmarks.Workloads;

// `peers` runs the peer comparison; anything else goes to BenchmarkDotNet's switcher (micro benchmarks).
if (args.Length == 0 || args[0] != "peers")
{
    BenchmarkSwitcher.FromAssembly(typeof(MachineBounds).Assembly).Run(args);
    return 0;
}

var rounds = new Option<int>("--rounds") { Description = "Interleaved rounds per workload.", DefaultValueFactory = _ => 15 };
var frames = new Option<int>("--frames") { Description = "Frames per peer per round.", DefaultValueFactory = _ => 8 };
var threads = new Option<int>("--threads") { Description = "Threads for every peer.", DefaultValueFactory = _ => 2 };
var set = new Option<string>("--set")
{
    Description = "standard (W1-W4), resolutions (W1's layer at 360p-4K), kernels (W2's layer with 3/5/7/11 kernels) resnet (ResNet-18's stem and first blocks, random weights) or resnet18 (W5, W6: the real ResNet18.onnx, imported, against the cut model).",
    DefaultValueFactory = _ => "standard",
};
set.AcceptOnlyFromAmong("standard", "resolutions", "kernels", "resnet", "resnet18");
var json = new Option<FileInfo?>("--json") { Description = "Also write the results as JSON to this file." };
var only = new Option<string[]>("--only") { Description = "Workload ids to run (default: all of the set).", AllowMultipleArgumentsPerToken = true };

var peersCommand = new Command("peers", "LiveConv against OpenCV, OpenCV DNN and ONNX Runtime on the standard workloads.")
{
    rounds, frames, threads, set, json, only,
};
peersCommand.SetAction(parse =>
{
    int n = parse.GetValue(threads);
    var workloads = parse.GetValue(set) switch
    {
        "resolutions" => WorkloadSets.Resolutions(),
        "kernels" => WorkloadSets.KernelSizes(),
        "resnet" => WorkloadSets.ResNet(),
        "resnet18" => ResNet18Workloads.All(),
        _ => WorkloadSets.Standard(),
    };
    var ids = parse.GetValue(only) ?? [];
    if (ids.Length > 0)
    {
        workloads = [.. workloads.Where(w => ids.Contains(w.Id, StringComparer.OrdinalIgnoreCase))];
    }

    IPeer[] peers = [new LiveConvPeer(n), new LiveConvPeer(1), new OpenCvChainPeer(n), new OpenCvDnnPeer(n), new OnnxRuntimePeer(n)];
    var comparison = new PeerComparison(peers, parse.GetValue(rounds), parse.GetValue(frames), MachineBounds.ThisMachine, Console.Error);
    var results = comparison.Run(workloads);
    Console.WriteLine(comparison.Markdown(results));
    Console.WriteLine(string.Create(System.Globalization.CultureInfo.InvariantCulture,
        $"The bounds use the stated {MachineBounds.ThisMachine.PeakGflops} GFLOP/s; measured just now: {FmaPeak.MeasureGflops(n):0} GFLOP/s of fp32 FMAs on {n} thread(s), {FmaPeak.MeasureGflops(1):0} on one."));
    Console.WriteLine("libtorch (TorchSharp): not measured — the only TorchSharp served here (0.107.0) needs GLIBCXX_3.4.32, which Debian 12 lacks.");
    if (parse.GetValue(json) is { } file)
    {
        File.WriteAllText(file.FullName, PeerComparison.Json(results));
    }

    foreach (var p in peers)
    {
        p.Dispose();
    }

    return 0;
});

var root = new RootCommand("LiveConv benchmarks") { peersCommand };
return root.Parse(args).Invoke();
