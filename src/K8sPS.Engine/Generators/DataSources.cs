namespace K8sPS.Engine.Generators;

/// <summary>
/// Where the data of a Secret or ConfigMap comes from, as kubectl's --from-file, --from-literal and
/// --from-env-file. kubectl adds files first, then literals, then env files, and refuses env files mixed
/// with the other two; so does this.
/// </summary>
public sealed record DataSources
{
    public IReadOnlyList<FileSource> Files { get; init; } = [];

    public IReadOnlyList<LiteralSource> Literals { get; init; } = [];

    /// <summary>Env files (KEY=value lines), read with kubectl's rules.</summary>
    public IReadOnlyList<string> EnvFiles { get; init; } = [];

    /// <summary>
    /// Leave out what kubectl leaves out of a folder without a word (subfolders, symbolic links, devices).
    /// Off by default: such an entry is an error that names it, so nothing is dropped unnoticed.
    /// </summary>
    public bool SkipSubfolders { get; init; }

    /// <summary>Where a bare <c>KEY</c> line of an env file takes its value; null reads this process's environment.</summary>
    public Func<string, string?>? Environment { get; init; }
}
