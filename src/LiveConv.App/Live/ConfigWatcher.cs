namespace LiveConv.App.Live;

/// <summary>
/// Watches one config file and reports it changed once the writes have settled: editors save in bursts (truncate,
/// write, rename), and reading mid-burst would show a half-written file as an error. Each event restarts the
/// <see cref="Debouncer"/>; the callback runs on a timer thread.
/// </summary>
public sealed class ConfigWatcher : IDisposable
{
    private readonly Debouncer _debouncer;
    private readonly Lock _lock = new();
    private FileSystemWatcher? _watcher;
    private string _path = "";

    public ConfigWatcher(TimeProvider time, TimeSpan debounce, Action<string> changed)
    {
        ArgumentNullException.ThrowIfNull(changed);
        _debouncer = new Debouncer(time, debounce, () =>
        {
            string path;
            lock (_lock)
            {
                path = _path;
            }

            changed(path);
        });
    }

    /// <summary>Watches <paramref name="path"/> from now on, instead of the file watched before.</summary>
    public void Watch(string path)
    {
        string full = Path.GetFullPath(path);
        lock (_lock)
        {
            _watcher?.Dispose();
            _path = full;
            _watcher = new FileSystemWatcher(Path.GetDirectoryName(full)!, Path.GetFileName(full))
            {
                NotifyFilter = NotifyFilters.LastWrite | NotifyFilters.Size | NotifyFilters.FileName | NotifyFilters.CreationTime,
            };
            _watcher.Changed += OnEvent;
            _watcher.Created += OnEvent;
            _watcher.Renamed += OnEvent;
            _watcher.EnableRaisingEvents = true;
        }
    }

    public void Dispose()
    {
        lock (_lock)
        {
            _watcher?.Dispose();
            _watcher = null;
        }

        _debouncer.Dispose();
    }

    private void OnEvent(object sender, FileSystemEventArgs e)
    {
        lock (_lock)
        {
            if (_watcher is not null)
            {
                _debouncer.Poke();
            }
        }
    }
}
