using System.Collections.ObjectModel;
using System.ComponentModel;
using System.Diagnostics;
using System.Management.Automation;
using System.Text;
using System.Text.Json.Nodes;
using K8sPS.Engine.Api;
using K8sPS.Engine.Editing;
using K8sPS.Engine.Errors;
using K8sPS.Engine.Manifests;
using K8sPS.Engine.Resources;
using K8sPS.Engine.Rollouts;
using K8sPS.Infrastructure;
using K8sPS.Objects;
using K8sPS.Completion;

namespace K8sPS.Rollouts;

/// <summary>Edit-K8sResource: kubectl edit, in $KUBE_EDITOR / $EDITOR, or by a script block.</summary>
[Cmdlet(VerbsData.Edit, "K8sResource", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium, DefaultParameterSetName = ByNameSet)]
[OutputType(typeof(RolloutChange))]
public sealed class EditK8sResourceCommand : K8sCmdlet
{
    private const string ByNameSet = "ByName";
    private const string ByObjectSet = "ByObject";
    /// <summary>How many times an edit is sent again after the object changed on the server meanwhile.</summary>
    private const int ConflictRetries = 5;

    [Parameter(Mandatory = true, Position = 0, ParameterSetName = ByNameSet)]
    [Alias("Resource")]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(KindCompleter))]
    public string Kind { get; set; } = "";

    [Parameter(Mandatory = true, Position = 1, ParameterSetName = ByNameSet)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(ResourceNameCompleter))]
    public string[] Name { get; set; } = [];

    [Parameter(Mandatory = true, ParameterSetName = ByObjectSet, ValueFromPipeline = true)]
    [K8sObjectReferenceTransformation]
    public K8sObjectReference[] InputObject { get; set; } = [];

    [Parameter(ValueFromPipelineByPropertyName = true)]
    [Alias("n")]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(NamespaceCompleter))]
    public string? Namespace { get; set; }

    /// <summary>
    /// Changes the object instead of an editor: gets it as $_ (and $args[0]), changes it in place or returns the
    /// new object (or its YAML). Run again on the newer version when the object changed meanwhile.
    /// </summary>
    [Parameter]
    [ValidateNotNull]
    public ScriptBlock? ScriptBlock { get; set; }

    protected override async Task ProcessRecordAsync()
    {
        var client = new ResourceClient(Connection.Rest);
        var items = ParameterSetName == ByNameSet
            ? Name.Select(n => (Kind: (string?)Kind, Ref: new K8sObjectReference(n, source: n)))
            : InputObject.Select(r => (Kind: r.Kind ?? (r.Source is k8s.IKubernetesObject t ? KindRegistry.KindOf(t.GetType()) : null), Ref: r));
        foreach (var (kind, item) in items)
        {
            CancellationToken.ThrowIfCancellationRequested();
            await ForItemAsync(item.Source ?? item.Name, async () =>
            {
                if (kind is null)
                    throw new K8sException(new K8sError("KindRequired", K8sErrorCategory.InvalidArgument,
                        $"'{item.Name}' says nothing of its kind: use Edit-K8sResource <kind> {item.Name}.") { Name = item.Name });
                var resource = await client.ResolveAsync(kind, CancellationToken).ConfigureAwait(false);
                var ns = resource.Namespaced ? ResolveNamespace(Namespace ?? item.Namespace) : null;
                await EditAsync(client, resource, ns, item.Name).ConfigureAwait(false);
            }, kind, item.Name, Namespace ?? item.Namespace).ConfigureAwait(false);
        }
    }

    private async Task EditAsync(ResourceClient client, ApiResource resource, string? ns, string name)
    {
        var original = await client.GetAsync(resource, ns, name, CancellationToken).ConfigureAwait(false)
            ?? throw new K8sException(ResourceClient.NotFound(resource, name, ns));
        var session = new EditSession(original, resource.QualifiedPlural);
        if (ScriptBlock is not null) await EditByScriptAsync(client, resource, ns, name, session).ConfigureAwait(false);
        else await EditInEditorAsync(client, resource, ns, name, session).ConfigureAwait(false);
    }

    // ------------------------------------------------------------------ -ScriptBlock

    private async Task EditByScriptAsync(ResourceClient client, ApiResource resource, string? ns, string name, EditSession session)
    {
        for (var attempt = 1; ; attempt++)
        {
            var edited = await OnPipelineAsync(() => RunScript(session.Original)).ConfigureAwait(false);
            var verdict = session.Check(edited);
            switch (verdict.Step)
            {
                case EditStep.Failed: throw new K8sException(verdict.Error!);
                case EditStep.Unchanged or EditStep.Cancelled:
                    WriteWarningAsync($"{resource.QualifiedKind}/{name}: {EditSession.NoChangesText}");
                    return;
            }
            var (send, dryRun) = await ConfirmAsync(resource, ns, name, verdict.Patch!).ConfigureAwait(false);
            if (!send) return;
            var answer = await PatchAsync(resource, ns, name, verdict.Patch!, dryRun).ConfigureAwait(false);
            if (answer.IsSuccess)
            {
                Edited(resource, ns, name, answer, dryRun);
                return;
            }
            var error = ErrorMapper.FromStatus(answer.StatusCode, answer.Body, resource.Kind, name, ns);
            // Changed meanwhile: the script block says what to do to whatever the object is now, so it runs again on that.
            if (answer.StatusCode != 409 || attempt > ConflictRetries) throw new K8sException(error);
            WriteVerboseAsync($"{resource.QualifiedKind}/{name} changed on the server meanwhile; running the script block again on the new version");
            var current = await client.GetAsync(resource, ns, name, CancellationToken).ConfigureAwait(false)
                ?? throw new K8sException(ResourceClient.NotFound(resource, name, ns));
            session = new EditSession(current, resource.QualifiedPlural);
        }
    }

    /// <summary>Runs the script block on the pipeline thread with the object as $_; its result (or the object it changed) as JSON.</summary>
    private JsonObject RunScript(JsonObject obj)
    {
        var input = ManifestObjects.ToPSObject(obj);
        Collection<PSObject> results;
        try
        {
            results = ScriptBlock!.InvokeWithContext(null, [new PSVariable("_", input)], input);
        }
        catch (RuntimeException e)
        {
            throw new K8sException(new K8sError("EditScriptFailed", K8sErrorCategory.InvalidArgument, $"the -ScriptBlock failed: {e.Message}")
            {
                RecommendedAction = "Change $_ in place (for example $_.spec.replicas = 3), or return the new object.",
            }, e);
        }
        var returned = results.Where(r => r is not null && r.BaseObject is not null).ToList();
        var result = returned.Count == 0 ? input : returned[^1];
        var text = result.BaseObject is string s ? s : PSObjectJson.Serialize(ReferenceEquals(result, input) ? input : result);
        if (result.BaseObject is string)
        {
            var read = ManifestReader.Read(text);
            if (read.Errors.Count > 0 || read.Documents.Count != 1 || read.Documents[0].Object is not { } yaml)
                throw new K8sException(new K8sError("EditScriptFailed", K8sErrorCategory.InvalidArgument,
                    $"the -ScriptBlock returned text that is not one YAML or JSON object{(read.Errors.Count > 0 ? ": " + read.Errors[0] : "")}"));
            return yaml;
        }
        return JsonNode.Parse(text) as JsonObject
            ?? throw new K8sException(new K8sError("EditScriptFailed", K8sErrorCategory.InvalidArgument, "the -ScriptBlock returned something that is not an object"));
    }

    // ------------------------------------------------------------------ the editor

    private async Task EditInEditorAsync(ResourceClient client, ApiResource resource, string? ns, string name, EditSession session)
    {
        var editor = EditorCommand.FromEnvironment(Environment.GetEnvironmentVariable, OperatingSystem.IsWindows());
        var file = NewTempFile();
        var keep = false;
        try
        {
            var text = session.Render();
            string? lastEdit = null;
            while (true)
            {
                await File.WriteAllTextAsync(file, text, new UTF8Encoding(false), CancellationToken).ConfigureAwait(false);
                await LaunchAsync(editor, file).ConfigureAwait(false);
                var edited = await File.ReadAllTextAsync(file, CancellationToken).ConfigureAwait(false);
                var verdict = session.Read(edited, lastEdit);
                switch (verdict.Step)
                {
                    case EditStep.Cancelled:
                        WriteWarningAsync(verdict.Message!);
                        return;
                    case EditStep.Unchanged:
                        WriteObjectAsync(new RolloutChange(resource.Kind, resource.QualifiedKind, name, ns, "skipped", null));
                        return;
                    case EditStep.Failed:
                        keep = true;
                        throw new K8sException(Kept(verdict.Error!, file));
                    case EditStep.Reopen:
                        WriteWarningAsync($"error: {resource.QualifiedPlural} \"{name}\" is invalid");
                        text = EditSession.Reopened(verdict.Reasons, edited);
                        lastEdit = edited;
                        continue;
                }

                var (send, dryRun) = await ConfirmAsync(resource, ns, name, verdict.Patch!).ConfigureAwait(false);
                if (!send) return;
                keep = true; // a conflict that cannot be carried over says where the edit is
                var answer = await SendWithRebaseAsync(client, resource, ns, name, session, verdict, dryRun, file).ConfigureAwait(false);
                keep = false;
                if (answer.IsSuccess)
                {
                    Edited(resource, ns, name, answer, dryRun);
                    return;
                }
                var error = ErrorMapper.FromStatus(answer.StatusCode, answer.Body, resource.Kind, name, ns);
                if (answer.StatusCode == 422)
                {
                    // kubectl: "error: deployments.apps "web" is invalid", then the file again with the causes at the top.
                    WriteWarningAsync($"error: {resource.QualifiedPlural} \"{name}\" is invalid");
                    text = EditSession.Reopened([session.InvalidReason(error)], edited);
                    lastEdit = edited;
                    continue;
                }
                keep = true;
                if (answer.StatusCode == 404)
                    throw new K8sException(new K8sError(error.ErrorId, error.Category,
                        $"{resource.QualifiedPlural} \"{name}\" could not be found on the server; the edits you made on deleted resources have been saved to \"{file}\"")
                    { Kind = resource.Kind, Name = name, Namespace = ns, StatusCode = 404 });
                throw new K8sException(Kept(error, file));
            }
        }
        finally
        {
            if (!keep) TryDelete(file);
        }
    }

    /// <summary>
    /// Sends the edit; when the object changed on the server since it was read (409), carries the edit to the new
    /// version if no field it touches changed there, else fails saying which fields did.
    /// </summary>
    private async Task<KubeResponseView> SendWithRebaseAsync(ResourceClient client, ApiResource resource, string? ns, string name,
        EditSession session, EditResult verdict, bool dryRun, string file)
    {
        var patch = verdict.Patch!;
        for (var attempt = 1; ; attempt++)
        {
            var answer = await PatchAsync(resource, ns, name, patch, dryRun).ConfigureAwait(false);
            if (answer.StatusCode != 409 || attempt > ConflictRetries) return answer;
            var current = await client.GetAsync(resource, ns, name, CancellationToken).ConfigureAwait(false);
            if (current is null) return new KubeResponseView(404, "");
            var (rebased, conflicts) = session.Rebase(verdict.Edited!, current);
            if (rebased is null)
                throw new K8sException(new K8sError("EditConflict", K8sErrorCategory.Conflict,
                    $"{resource.QualifiedPlural} \"{name}\" was changed on the server while you edited it, in {(conflicts.Count == 1 ? "a field" : "fields")} you changed too: {string.Join(", ", conflicts)}; nothing was sent. Your edit is saved in \"{file}\"")
                {
                    Kind = resource.Kind,
                    Name = name,
                    Namespace = ns,
                    StatusCode = 409,
                    RecommendedAction = "Run Edit-K8sResource again to edit the new version (copy your change from the saved file).",
                });
            WriteVerboseAsync($"{resource.QualifiedKind}/{name} changed on the server meanwhile, in other fields; sending the edit to the new version");
            patch = rebased;
        }
    }

    private async Task LaunchAsync(EditorCommand editor, string file)
    {
        var start = new ProcessStartInfo(editor.Program) { UseShellExecute = false };
        foreach (var a in editor.ArgumentsFor(Path.GetFullPath(file))) start.ArgumentList.Add(a);
        Process? process;
        try { process = Process.Start(start); }
        catch (Win32Exception e)
        {
            throw new K8sException(new K8sError("EditorNotFound", K8sErrorCategory.NotInstalled, $"unable to launch the editor \"{editor.Text}\": {e.Message}")
            {
                RecommendedAction = "Set $env:KUBE_EDITOR (or $env:EDITOR) to an editor that is installed, e.g. 'nano' or 'code --wait'.",
            }, e);
        }
        using (process)
        {
            if (process is null) throw new K8sException(new K8sError("EditorNotFound", K8sErrorCategory.NotInstalled, $"unable to launch the editor \"{editor.Text}\""));
            await process.WaitForExitAsync(CancellationToken).ConfigureAwait(false);
            if (process.ExitCode != 0)
                throw new K8sException(new K8sError("EditorFailed", K8sErrorCategory.OperationFailed,
                    $"there was a problem with the editor \"{editor.Text}\" (exit code {process.ExitCode}); nothing was sent"));
        }
    }

    // ------------------------------------------------------------------ shared

    private async Task<(bool Send, bool DryRun)> ConfirmAsync(ApiResource resource, string? ns, string name, JsonObject patch)
    {
        var target = $"{resource.QualifiedKind}/{name}{(ns is null ? "" : $" in namespace \"{ns}\"")}";
        var (proceed, whatIf) = await ShouldProcessWithReasonAsync(target, $"Edit (merge patch {patch.ToJsonString()})").ConfigureAwait(false);
        return (proceed || whatIf, whatIf);
    }

    private sealed record KubeResponseView(int StatusCode, string Body)
    {
        public bool IsSuccess => StatusCode is >= 200 and < 300;
    }

    private async Task<KubeResponseView> PatchAsync(ApiResource resource, string? ns, string name, JsonObject patch, bool dryRun)
    {
        var query = "?fieldManager=" + FieldManagers.Create + (dryRun ? "&dryRun=All" : "");
        var r = await Connection.Rest.SendAsync(new HttpMethod("PATCH"), resource.ItemPath(ns, name) + query, patch.ToJsonString(),
            "application/merge-patch+json", CancellationToken).ConfigureAwait(false);
        return new KubeResponseView(r.StatusCode, r.Body);
    }

    private void Edited(ApiResource resource, string? ns, string name, KubeResponseView answer, bool dryRun)
        => WriteObjectAsync(new RolloutChange(resource.Kind, resource.QualifiedKind, name, ns, "edited",
            ManifestObjects.ToOutput(JsonNode.Parse(answer.Body) as JsonObject)) { DryRun = dryRun });

    private static K8sError Kept(K8sError error, string file)
        => new(error.ErrorId, error.Category, $"{error.Message}; a copy of your changes has been stored to \"{file}\"")
        {
            Reason = error.Reason,
            StatusCode = error.StatusCode,
            Kind = error.Kind,
            Name = error.Name,
            Namespace = error.Namespace,
            Causes = error.Causes,
            RecommendedAction = error.RecommendedAction,
        };

    /// <summary>A new file only this user can read (it holds the object, perhaps a secret), as kubectl's temp file.</summary>
    private static string NewTempFile()
    {
        const string letters = "abcdefghijklmnopqrstuvwxyz0123456789";
        for (var i = 0; ; i++)
        {
            var suffix = string.Concat(Enumerable.Range(0, 5).Select(_ => letters[System.Security.Cryptography.RandomNumberGenerator.GetInt32(letters.Length)]));
            var path = Path.Combine(Path.GetTempPath(), $"k8sps-edit-{suffix}.yaml");
            try
            {
                var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
                if (!OperatingSystem.IsWindows()) options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
                using var _ = new FileStream(path, options);
                return path;
            }
            catch (IOException) when (i < 100 && File.Exists(path)) { }
        }
    }

    private static void TryDelete(string file)
    {
        try { File.Delete(file); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
