using System.Runtime.CompilerServices;
using k8s;
using k8s.Models;

namespace K8sPS.Engine.Resources;

/// <summary>The API's dryRun query value: "All" is the only one it accepts; null sends none.</summary>
internal static class DryRun
{
    public static string? Of(bool dryRun) => dryRun ? "All" : null;
}

/// <summary>
/// Lists are read a page at a time and streamed, so the first objects reach the pipeline before the
/// last page is fetched and memory stays flat on big clusters.
/// </summary>
internal static class Paging
{
    public const int PageSize = ListPages.Size;

    public static async IAsyncEnumerable<T> All<T, TList>(Func<string?, Task<TList>> page, [EnumeratorCancellation] CancellationToken ct = default)
        where TList : IItems<T>, IMetadata<V1ListMeta>
    {
        // List items come without kind/apiVersion on the wire; fill them so each object stands alone
        // (round-trips to YAML, says what it is).
        var entity = typeof(T).GetCustomAttributes(typeof(KubernetesEntityAttribute), false).OfType<KubernetesEntityAttribute>().FirstOrDefault();
        var apiVersion = entity is null ? null : string.IsNullOrEmpty(entity.Group) ? entity.ApiVersion : $"{entity.Group}/{entity.ApiVersion}";
        string? next = null;
        do
        {
            ct.ThrowIfCancellationRequested();
            var list = await page(next).ConfigureAwait(false);
            foreach (var item in list.Items ?? [])
            {
                if (entity is not null && item is IKubernetesObject typed)
                {
                    typed.Kind ??= entity.Kind;
                    typed.ApiVersion ??= apiVersion;
                }
                yield return item;
            }
            next = list.Metadata?.ContinueProperty;
        } while (!string.IsNullOrEmpty(next));
    }
}
