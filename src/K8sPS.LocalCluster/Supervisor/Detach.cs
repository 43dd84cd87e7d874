using System.Globalization;
using System.Runtime.InteropServices;

namespace K8sPS.LocalCluster.Supervisor;

/// <summary>
/// Cuts the supervisor loose from the pwsh that started it: a session of its own (so Ctrl+C and a
/// closed terminal do not reach it), no file descriptors inherited from whoever started pwsh, and
/// stdio on /dev/null (so nothing it writes lands in, or keeps open, pwsh's pipes).
/// </summary>
internal static class Detach
{
#pragma warning disable SYSLIB1054 // DllImport: LibraryImport would need unsafe code for the whole project
    [DllImport("libc", SetLastError = true)]
    private static extern int setsid();

    [DllImport("libc", SetLastError = true, CharSet = CharSet.Ansi, BestFitMapping = false, ThrowOnUnmappableChar = true)]
    private static extern int open([MarshalAs(UnmanagedType.LPStr)] string path, int flags);

    [DllImport("libc", SetLastError = true)]
    private static extern int dup2(int oldfd, int newfd);

    [DllImport("libc", SetLastError = true)]
    private static extern int close(int fd);

    [DllImport("libc", SetLastError = true)]
    private static extern int fcntl(int fd, int cmd, int arg);
#pragma warning restore SYSLIB1054

    private const int ORdWr = 2;
    private const int FGetFd = 1;
    private const int FdCloExec = 1;

    private static readonly string?[] StdioTargets = new string?[3];

    /// <summary>
    /// New session (fails only when already a session leader, which is detached enough), and every
    /// descriptor we inherited beyond stdio pointed at /dev/null: a pipe a shell or CI runner left
    /// open would otherwise stay open for as long as the cluster runs, and make its reader wait for us.
    /// </summary>
    public static void NewSession()
    {
        _ = setsid();
        for (var i = 0; i < 3; i++) StdioTargets[i] = Target(i);
        var devNull = -1;
        foreach (var fd in OpenDescriptors())
        {
            // The runtime opens all of its own descriptors close-on-exec; one without the flag came from our parent.
            if (fd < 3 || (fcntl(fd, FGetFd, 0) & FdCloExec) != 0) continue;
            if (devNull < 0) devNull = open("/dev/null", ORdWr);
            if (devNull >= 0 && fd != devNull) _ = dup2(devNull, fd); // best effort: one that fails stays as it was
        }
        if (devNull > 2) _ = close(devNull);
    }

    /// <summary>
    /// Points stdin, stdout and stderr, and every duplicate the runtime's Console made of them, at
    /// /dev/null; the caller reads our early stderr until this closes its last copy.
    /// </summary>
    public static void CloseStdio()
    {
        Console.Out.Flush();
        Console.Error.Flush();
        var fd = open("/dev/null", ORdWr);
        if (fd < 0) return;
        var pipes = StdioTargets.Where(t => t is not null && !t.StartsWith('/')).ToHashSet();
        foreach (var other in OpenDescriptors())
            if (other > 2 && other != fd && Target(other) is { } t && pipes.Contains(t))
                _ = dup2(fd, other);
        for (var target = 0; target <= 2; target++) _ = dup2(fd, target);
        if (fd > 2) _ = close(fd);
    }

    private static IEnumerable<int> OpenDescriptors()
    {
        try
        {
            return Directory.GetFileSystemEntries("/proc/self/fd")
                .Select(p => int.TryParse(Path.GetFileName(p), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : -1)
                .Where(n => n >= 0)
                .ToList();
        }
        catch (IOException) { return []; }
    }

    private static string? Target(int fd)
    {
        try { return new FileInfo($"/proc/self/fd/{fd}").LinkTarget; }
        catch (IOException) { return null; }
    }
}
