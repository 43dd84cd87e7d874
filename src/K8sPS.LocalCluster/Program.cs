namespace K8sPS.LocalCluster;

internal static class Program
{
    private static int Main(string[] args) => 0;
}
