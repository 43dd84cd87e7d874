using System.Runtime.InteropServices;

namespace K8sPS.LocalCluster.Supervisor;

/// <summary>
/// Cuts the supervisor loose from the pwsh that started it: a session of its own (so Ctrl+C and a
/// closed terminal do not reach it) and stdio on /dev/null (so nothing it writes lands in, or blocks on, pwsh's pipes).
/// </summary>
internal static class Detach
{
#pragma warning disable SYSLIB1054 // DllImport: LibraryImport would need unsafe code for the whole project
    [DllImport("libc", SetLastError = true)]
    private static extern int setsid();

    [DllImport("libc", SetLastError = true)]
    private static extern int open([MarshalAs(UnmanagedType.LPStr)] string path, int flags);

    [DllImport("libc", SetLastError = true)]
    private static extern int dup2(int oldfd, int newfd);

    [DllImport("libc", SetLastError = true)]
    private static extern int close(int fd);
#pragma warning restore SYSLIB1054

    private const int ORdWr = 2;

    /// <summary>New session; fails only when already a session leader, which is detached enough.</summary>
    public static void NewSession() => _ = setsid();

    /// <summary>Points stdin, stdout and stderr at /dev/null; the caller reads our early stderr until this closes it.</summary>
    public static void CloseStdio()
    {
        Console.Out.Flush();
        Console.Error.Flush();
        var fd = open("/dev/null", ORdWr);
        if (fd < 0) return;
        for (var target = 0; target <= 2; target++) dup2(fd, target);
        if (fd > 2) close(fd);
    }
}
