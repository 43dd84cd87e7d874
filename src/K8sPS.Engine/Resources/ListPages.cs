namespace K8sPS.Engine.Resources;

/// <summary>
/// How many objects one list request asks for (limit=; the next page by continue=). Public so a cmdlet can wait
/// at each page's end until the page has been written: a pipeline that stops early (Select-Object -First 5) then
/// never asks for the next page.
/// </summary>
public static class ListPages
{
    public const int Size = 500;
}
