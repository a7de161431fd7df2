using System.Runtime.InteropServices;

namespace LiveConv.App.Running;

/// <summary>
/// SIGTERM (kill, systemd, docker stop) and SIGHUP (the terminal closed) stop a run the way the first Ctrl+C does:
/// the pipeline drains and every output is finalized. Without this, .NET ends the process on SIGTERM as soon as
/// the ProcessExit handlers return, cutting a recording off without its index.
/// </summary>
public sealed class TerminationSignals : IDisposable
{
    private readonly PosixSignalRegistration[] _registrations;

    public TerminationSignals(Action stop)
    {
        ArgumentNullException.ThrowIfNull(stop);
        _registrations = OperatingSystem.IsWindows()
            ? []
            : [Register(PosixSignal.SIGTERM, stop), Register(PosixSignal.SIGHUP, stop)];
    }

    public void Dispose()
    {
        foreach (var registration in _registrations)
        {
            registration.Dispose();
        }
    }

    private static PosixSignalRegistration Register(PosixSignal signal, Action stop) =>
        PosixSignalRegistration.Create(signal, context =>
        {
            // Cancel = true: the process is not ended by the runtime; it ends when the run has drained.
            context.Cancel = true;
            stop();
        });
}
