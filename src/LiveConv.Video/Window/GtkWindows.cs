using System.Runtime.InteropServices;

namespace LiveConv.Video.Window;

/// <summary>
/// What OpenCV's HighGUI does not tell about its GTK 3 windows (its backend on Linux, already loaded and
/// initialized by the first window): the screen's size, to open the window fitted to it, and a window's own size
/// after the user resized it (OpenCV reports the scaled picture's rectangle instead, which keeps the old shape).
/// Elsewhere, or where GTK is not there, the answers are null.
/// </summary>
public static partial class GtkWindows
{
    private const string Gtk = "libgtk-3.so.0";
    private const string Gdk = "libgdk-3.so.0";
    private const string Glib = "libglib-2.0.so.0";

    /// <summary>The default screen's size in pixels, or null.</summary>
    public static (int Width, int Height)? Screen() =>
        Ask(() => (GdkScreenWidth(), GdkScreenHeight())) is { Width: > 0, Height: > 0 } size ? size : null;

    /// <summary>The toplevel GTK window with this title, or zero: a handle for <see cref="Size"/>, valid while the window is open.</summary>
    public static nint Find(string title)
    {
        ArgumentNullException.ThrowIfNull(title);
        nint found = 0;
        Ask(() =>
        {
            nint list = GtkWindowListToplevels();
            for (nint node = list; node != 0; node = Marshal.ReadIntPtr(node, nint.Size))
            {
                nint window = Marshal.ReadIntPtr(node);
                if (found == 0 && Marshal.PtrToStringUTF8(GtkWindowGetTitle(window)) == title)
                {
                    found = window;
                }
            }

            GListFree(list);
            return (0, 0);
        });
        return found;
    }

    /// <summary>The window's size as GTK last configured it.</summary>
    public static (int Width, int Height) Size(nint window)
    {
        GtkWindowGetSize(window, out int width, out int height);
        return (width, height);
    }

    private static (int Width, int Height)? Ask(Func<(int, int)> query)
    {
        if (!OperatingSystem.IsLinux())
        {
            return null;
        }

        try
        {
            return query();
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return null;
        }
    }

    [LibraryImport(Gdk, EntryPoint = "gdk_screen_width")]
    private static partial int GdkScreenWidth();

    [LibraryImport(Gdk, EntryPoint = "gdk_screen_height")]
    private static partial int GdkScreenHeight();

    [LibraryImport(Gtk, EntryPoint = "gtk_window_list_toplevels")]
    private static partial nint GtkWindowListToplevels();

    [LibraryImport(Gtk, EntryPoint = "gtk_window_get_title")]
    private static partial nint GtkWindowGetTitle(nint window);

    [LibraryImport(Gtk, EntryPoint = "gtk_window_get_size")]
    private static partial void GtkWindowGetSize(nint window, out int width, out int height);

    [LibraryImport(Glib, EntryPoint = "g_list_free")]
    private static partial void GListFree(nint list);
}
