using System.Text.Json.Nodes;
using K8sPS.Engine.Api;
using K8sPS.Engine.Connection;
using K8sPS.Engine.Errors;
using K8sPS.Engine.Lint;
using K8sPS.Engine.Manifests;
using K8sPS.Engine.Resources;
using K8sPS.Engine.Versions;

namespace K8sPS.Engine.Apply;

/// <summary>
/// Applies documents with server-side apply (PATCH application/apply-patch+yaml, field manager k8sps), any kind
/// the server serves. Namespaces and CRDs go first (the rest may need them); the others run with bounded
/// concurrency. Whether an object changed comes from its resourceVersion before and after: one list
/// per kind and namespace tells the "before" without a GET per object. What this server's server-side apply gets
/// wrong is worked around as <see cref="ServerApplyDefects"/> says, each workaround a note on the document's result.
/// A request that fails fails its document; a connection that fails ends the batch (every later request would too):
/// that document has the connection error, and every other one not done has an error of its own (not sent, or no answer).
/// </summary>
public sealed class ManifestApplier
{
    private static readonly HashSet<string> FirstKinds = ["Namespace", "CustomResourceDefinition"];

    private readonly KubeRest _rest;
    private static readonly ManifestLinter Linter = new();

    public ManifestApplier(KubeRest rest) => _rest = rest;

    /// <summary>Applies every document; <paramref name="onResult"/> hears each result as soon as it is known.</summary>
    public async Task<IReadOnlyList<ApplyResult>> ApplyAsync(IReadOnlyList<ManifestDocument> documents, ApplyOptions options,
        Action<ApplyResult>? onResult, CancellationToken cancellationToken)
    {
        var catalog = await ApiCatalog.GetAsync(_rest, cancellationToken).ConfigureAwait(false);
        var defects = ServerApplyDefects.For(catalog);
        var expanded = documents.SelectMany(d => d.Expand()).ToList();
        var results = new ApplyResult?[expanded.Count];
        var connectionFailed = 0; // once set, nothing more is sent: the results so far are returned, with that one error
        var anyFailed = 0; // with StopAtFirstFailure, once set, nothing more is sent either

        var (first, rest) = Tiers(expanded);

        await RunTierAsync(first, catalog).ConfigureAwait(false);
        if (Stopped()) return Accounted();
        // New CRDs add kinds the rest of the batch may use: look again before going on.
        var missing = rest.Any(i => expanded[i].ApiVersion is { } v && expanded[i].Kind is { } k && catalog.Find(v, k) is null);
        // A dry run persists no CRD, so no kind will come: do not wait for one.
        var newCrds = options.DryRun ? [] : first.Where(i => expanded[i].Kind == "CustomResourceDefinition" && results[i]?.Action is ApplyAction.Created or ApplyAction.Configured).ToList();
        if (newCrds.Count > 0)
            catalog = await WaitForKindsAsync(newCrds.Select(i => expanded[i]), cancellationToken).ConfigureAwait(false);
        else if (missing) // the cached discovery may be older than a CRD someone else created
            catalog = await ApiCatalog.GetAsync(_rest, cancellationToken, refresh: true).ConfigureAwait(false);
        // A dry run creates no CRD either: objects of the kinds that CRDs of the input define (those the server
        // accepted) are judged against those CRDs, since the server cannot dry-run them.
        var kinds = options.DryRun
            ? DefinedKinds.Over(catalog, first.Where(i => expanded[i].Kind == "CustomResourceDefinition" && results[i]?.Action is not (null or ApplyAction.Failed)).Select(i => expanded[i]))
            : catalog;
        await RunTierAsync(rest, catalog, kinds).ConfigureAwait(false);
        return Accounted();

        // After a failed connection, each document never sent gets a result of its own saying so.
        List<ApplyResult> Accounted()
        {
            for (var i = 0; i < results.Length; i++)
                if (results[i] is null && Volatile.Read(ref connectionFailed) == 1) Done(i, NotSentResult(expanded[i], options));
            return results.OfType<ApplyResult>().ToList();
        }

        bool Stopped() => Volatile.Read(ref connectionFailed) == 1 || (options.StopAtFirstFailure && Volatile.Read(ref anyFailed) == 1);

        async Task RunTierAsync(List<int> indexes, ApiCatalog cat, IApiCatalog? kinds = null)
        {
            if (indexes.Count == 0 || Stopped()) return;
            var prepared = new List<(int Index, Prepared P)>();
            foreach (var i in indexes)
            {
                var p = Prepare(expanded[i], kinds ?? cat, options);
                if (p.Failure is not null) Done(i, p.Failure);
                else if (Unjudged(p, cat, options) is { } preview) Done(i, preview);
                else prepared.Add((i, p with { Notes = defects.Prepare(p.Body!, p.Resource!, p.Document).Select(n => $"{Where(p.Document)}: {p.Document.Display}: {n}").ToList() }));
            }
            if (Stopped()) return; // a document failed before sending, under StopAtFirstFailure
            Dictionary<string, JsonObject> before;
            try { before = await LiveObjectsAsync(prepared.Select(p => p.P).ToList(), options, cancellationToken).ConfigureAwait(false); }
            catch (Exception e) when (!cancellationToken.IsCancellationRequested && RequestFailures.IsConnectionFailure(e) && prepared.Count > 0)
            {
                // Reading what exists failed for want of a connection: that is the batch's one error.
                var (i, p) = prepared[0];
                Interlocked.Exchange(ref connectionFailed, 1);
                Done(i, Failed(p, ErrorMapper.Map(e, p.Document.Kind, p.Name, p.Namespace), options));
                return;
            }
            using var gate = new SemaphoreSlim(Math.Max(1, options.Concurrency));
            await Task.WhenAll(prepared.Select(async item =>
            {
                await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
                try
                {
                    if (Stopped()) return;
                    var result = await ApplyOneAsync(item.P, before, defects, options, cancellationToken).ConfigureAwait(false);
                    // The first failed connection is the batch's one; the others in flight then are each their document's own.
                    if (result.Error is { IsConnectionFailure: true } lost && Interlocked.Exchange(ref connectionFailed, 1) == 1)
                        result = Failed(item.P, RequestFailures.Unanswered(lost, $"{Where(item.P.Document)}: {item.P.Document.Display}", item.P.Document.Kind, item.P.Name, item.P.Namespace, "Apply"), options);
                    Done(item.Index, result);
                }
                finally { gate.Release(); }
            })).ConfigureAwait(false);
        }

        void Done(int index, ApplyResult result)
        {
            if (result.Error is not null) Interlocked.Exchange(ref anyFailed, 1);
            results[index] = result;
            onResult?.Invoke(result);
        }
    }

    /// <summary>
    /// Namespaces and CRDs hold or define other objects: applied before them, removed after them (deleting a CRD
    /// deletes its objects, so deleting both at once races into NotFound errors).
    /// </summary>
    public static bool HoldsOthers(string? kind) => FirstKinds.Contains(kind ?? "");

    /// <summary>Indexes of documents to apply first (namespaces, CRDs) and of the rest, each in input order.</summary>
    internal static (List<int> First, List<int> Others) Tiers(IReadOnlyList<ManifestDocument> documents)
    {
        var first = Enumerable.Range(0, documents.Count).Where(i => FirstKinds.Contains(documents[i].Kind ?? ""))
            .OrderBy(i => documents[i].Kind == "Namespace" ? 0 : 1).ThenBy(i => i).ToList();
        return (first, Enumerable.Range(0, documents.Count).Except(first).ToList());
    }

    /// <summary>
    /// The namespace a document goes to: its own, else -Namespace, else the context's; none for cluster-scoped
    /// kinds. A document naming a namespace other than -Namespace is an error (null and a message), as in kubectl.
    /// </summary>
    internal static (string? Namespace, string? Error) NamespaceFor(string? own, bool namespaced, ApplyOptions options)
    {
        if (!namespaced) return (null, null);
        if (own is { Length: > 0 } && options.Namespace is { Length: > 0 } given && own != given)
            return (null, $"the document's namespace '{own}' does not match -Namespace '{given}'. Remove one of them.");
        return (own is { Length: > 0 } ? own : options.Namespace is { Length: > 0 } n ? n : options.DefaultNamespace, null);
    }

    internal sealed record Prepared(ManifestDocument Document, ApiResource? Resource, string? Namespace, string? Name, JsonObject? Body,
        IReadOnlyList<ManifestIssue> Issues, ApplyResult? Failure)
    {
        /// <summary>What was changed before sending, or done another way, to work around this server's defects.</summary>
        public IReadOnlyList<string> Notes { get; init; } = [];
    }

    internal static Prepared Prepare(ManifestDocument doc, IApiCatalog catalog, ApplyOptions options)
    {
        var issues = options.Lint ? Linter.Lint(doc, catalog) : [];
        Prepared Fail(K8sError error, ApiResource? resource = null, string? ns = null) =>
            new(doc, resource, ns, doc.Name, null, issues, new ApplyResult { Document = doc, Action = ApplyAction.Failed, Error = error, Issues = issues, Resource = resource, Namespace = ns, DryRun = options.DryRun });

        if (doc.Object is not JsonObject obj)
            return Fail(new K8sError("NotAnObject", K8sErrorCategory.InvalidArgument, $"{Where(doc)}: the document is not a Kubernetes object."));
        var errors = issues.Where(i => i.Severity == IssueSeverity.Error).ToList();
        if (errors.Count > 0)
        {
            // Where K8sPS refuses on purpose what kubectl would apply, say so, and how to send it anyway.
            var stricter = errors.Select(e => ManifestLinter.DefaultRules.FirstOrDefault(r => r.Id == e.RuleId)?.KubectlDoes).OfType<string>().Distinct().ToList();
            var trailer = stricter.Count == 0 ? "" : Environment.NewLine
                + $"  K8sPS is stricter here than kubectl on purpose: {string.Join("; ", stricter)}. Apply with -SkipLint to send the document as kubectl would.";
            return Fail(new K8sError("ManifestInvalid", K8sErrorCategory.InvalidArgument,
                $"{Where(doc)}: {doc.Display} was not applied:" + Environment.NewLine + string.Join(Environment.NewLine, errors.Select(e => "  " + e)) + trailer)
            {
                Kind = doc.Kind, Name = doc.Name,
                RecommendedAction = stricter.Count == 0 ? null : "Correct the document, or apply it with -SkipLint to send it as kubectl would.",
            });
        }

        var resource = catalog.Find(doc.ApiVersion!, doc.Kind!);
        if (resource is null)
            return Fail(new K8sError("KindNotServed", K8sErrorCategory.NotSupported,
                $"{Where(doc)}: the server does not serve kind {doc.Kind} in {doc.ApiVersion}.") { Kind = doc.Kind, Name = doc.Name });
        if (!resource.Verbs.Contains("patch"))
            return Fail(new K8sError("NotSupported", K8sErrorCategory.NotSupported, $"{Where(doc)}: {resource.QualifiedPlural} cannot be applied (the server allows no patch)."), resource);

        var body = (JsonObject)obj.DeepClone();
        var metadata = body["metadata"] as JsonObject ?? new JsonObject();
        body["metadata"] = metadata;
        string? own = null;
        if (resource.Namespaced && metadata["namespace"] is { } given && !(given is JsonValue v && v.TryGetValue(out own)))
            return Fail(new K8sError("InvalidNamespace", K8sErrorCategory.InvalidArgument,
                $"{Where(doc, doc.LineOf("metadata.namespace"))}: {doc.Display}: metadata.namespace must be a string, not {given.ToJsonString()}.")
            { Kind = doc.Kind, Name = doc.Name, RecommendedAction = "Write the namespace as a string: quote it if YAML reads it as a number or a boolean." }, resource);
        var (ns, nsError) = NamespaceFor(own, resource.Namespaced, options);
        if (nsError is not null)
            return Fail(new K8sError("NamespaceMismatch", K8sErrorCategory.InvalidArgument, $"{Where(doc)}: {nsError}") { Kind = doc.Kind, Name = doc.Name }, resource);
        if (ns is not null) metadata["namespace"] = ns;
        else metadata.Remove("namespace"); // cluster-scoped kinds take no namespace
        if (doc.Name is null || metadata["name"] is null)
            return Fail(new K8sError("NameRequired", K8sErrorCategory.InvalidArgument, $"{Where(doc)}: apply needs metadata.name (generateName is not enough)."), resource, ns);
        // What the server owns cannot be applied: an object read from the server applies back as it is.
        foreach (var f in new[] { "managedFields", "resourceVersion", "uid", "selfLink", "creationTimestamp", "generation", "deletionTimestamp", "deletionGracePeriodSeconds" })
            metadata.Remove(f);
        body.Remove("status");
        return new(doc, resource, ns, doc.Name, body, issues, null);
    }

    /// <summary>
    /// In a dry run, an object whose kind the server does not serve yet but a CRD of the same input defines (Prepare
    /// found it only among those): the server cannot dry-run it, since a dry run creates no CRD. Apply would create it,
    /// as nothing of a kind that does not exist yet can exist. Null for every object the server can judge.
    /// </summary>
    internal static ApplyResult? Unjudged(Prepared p, IApiCatalog server, ApplyOptions options)
    {
        if (!options.DryRun || p.Failure is not null || p.Resource is null || server.Find(p.Resource.ApiVersion, p.Resource.Kind) is not null) return null;
        return new ApplyResult
        {
            Document = p.Document, Action = ApplyAction.Created, Resource = p.Resource, Namespace = p.Namespace, Issues = p.Issues, DryRun = true,
            Note = "the server could not dry-run it: its CustomResourceDefinition does not exist yet",
        };
    }

    /// <summary>
    /// Every existing object the batch touches: a few names are read one by one, many by one list of their kind
    /// and namespace (cheaper than hundreds of GETs, and no bigger than what kubectl apply reads).
    /// </summary>
    private async Task<Dictionary<string, JsonObject>> LiveObjectsAsync(List<Prepared> items, ApplyOptions options, CancellationToken ct)
    {
        const int ListAbove = 8;
        var live = new Dictionary<string, JsonObject>(StringComparer.Ordinal);
        var requests = new List<(string Collection, string Path)>();
        foreach (var g in items.GroupBy(p => p.Resource!.CollectionPath(p.Namespace)))
        {
            var names = g.Select(p => p.Name!).Distinct().ToList();
            if (names.Count > ListAbove) requests.Add((g.Key, g.Key));
            else requests.AddRange(names.Select(n => (g.Key, g.Key + "/" + Uri.EscapeDataString(n))));
        }
        using var gate = new SemaphoreSlim(Math.Max(1, options.Concurrency));
        var answers = await Task.WhenAll(requests.Select(async r =>
        {
            await gate.WaitAsync(ct).ConfigureAwait(false);
            try
            {
                var response = await _rest.GetAsync(r.Path, ct).ConfigureAwait(false);
                return (r.Collection, response.IsSuccess ? response.Json : null);
            }
            // A read the server dropped only leaves "before" unknown: the apply request itself will say what fails.
            catch (Exception e) when (!ct.IsCancellationRequested && !RequestFailures.IsConnectionFailure(e))
            {
                return (r.Collection, (JsonNode?)null);
            }
            finally { gate.Release(); }
        })).ConfigureAwait(false);
        foreach (var (collection, json) in answers)
        {
            var objects = json?["items"] is JsonArray list ? list.OfType<JsonObject>() : json is JsonObject one ? [one] : [];
            foreach (var o in objects)
                if (o["metadata"]?["name"]?.GetValue<string>() is { } name) live[collection + "/" + name] = o;
        }
        return live;
    }

    private async Task<ApplyResult> ApplyOneAsync(Prepared p, Dictionary<string, JsonObject> live, ServerApplyDefects defects, ApplyOptions options, CancellationToken ct)
    {
        var resource = p.Resource!;
        live.TryGetValue(resource.CollectionPath(p.Namespace) + "/" + p.Name, out var before);
        if (defects.ApplyBroken(resource) is { } why)
            return await ApplyAnotherWayAsync(p, before, why, options, ct).ConfigureAwait(false);
        var query = $"?fieldManager={Uri.EscapeDataString(options.FieldManager)}&force={(options.Force ? "true" : "false")}{(options.DryRun ? "&dryRun=All" : "")}";
        var path = resource.ItemPath(p.Namespace, p.Name!);
        var (response, failure) = await SendAsync(p, HttpMethod.Patch, path + query, p.Body!.ToJsonString(), "application/apply-patch+yaml", options, ct).ConfigureAwait(false);
        if (failure is not null) return failure;
        return Outcome(p, response!, before, p.Notes, options);
    }

    /// <summary>
    /// For a kind whose server-side apply is broken on this server: create the object when it does not exist, else merge
    /// the document's fields into the live object (a JSON merge patch: fields the document has are set, others kept),
    /// both with K8sPS's field manager, which the server records where it keeps field owners for the kind.
    /// </summary>
    private async Task<ApplyResult> ApplyAnotherWayAsync(Prepared p, JsonObject? before, string why, ApplyOptions options, CancellationToken ct)
    {
        var resource = p.Resource!;
        var query = $"?fieldManager={Uri.EscapeDataString(options.FieldManager)}{(options.DryRun ? "&dryRun=All" : "")}";
        var body = p.Body!.ToJsonString();
        var notes = p.Notes.ToList();
        KubeResponse? response = null;
        ApplyResult? failure;
        if (before is null)
        {
            (response, failure) = await SendAsync(p, HttpMethod.Post, resource.CollectionPath(p.Namespace) + query, body, "application/json", options, ct).ConfigureAwait(false);
            if (failure is not null) return failure;
            if (response!.IsSuccess) notes.Add($"{Where(p.Document)}: {p.Document.Display}: created with a plain create (POST) instead of server-side apply: {why}.");
        }
        if (response is null || response.StatusCode == 409) // it exists (or was created meanwhile)
        {
            (response, failure) = await SendAsync(p, HttpMethod.Patch, resource.ItemPath(p.Namespace, p.Name!) + query, body, "application/merge-patch+json", options, ct).ConfigureAwait(false);
            if (failure is not null) return failure;
            notes.Add($"{Where(p.Document)}: {p.Document.Display}: the document's fields merged into the live object (merge patch) instead of server-side apply: {why}. "
                + "Fields the document no longer has are kept.");
        }
        if (response!.IsSuccess && response.Json?["metadata"]?["managedFields"] is null)
            notes.Add($"{Where(p.Document)}: {p.Document.Display}: this server keeps no field owners for {resource.QualifiedPlural}, so none is recorded for field manager {options.FieldManager}.");
        return Outcome(p, response, before, notes, options);
    }

    /// <summary>Sends one request of a document; a request that got no answer is that document's failure, not the batch's.</summary>
    private async Task<(KubeResponse? Response, ApplyResult? Failure)> SendAsync(Prepared p, HttpMethod method, string pathAndQuery, string body, string contentType,
        ApplyOptions options, CancellationToken ct)
    {
        try
        {
            return (await _rest.SendAsync(method, pathAndQuery, body, contentType, ct).ConfigureAwait(false), null);
        }
        catch (Exception e) when (!ct.IsCancellationRequested && e is not K8sException)
        {
            return (null, Failed(p, RequestFailures.For(e, method, pathAndQuery, p.Document, p.Namespace), options));
        }
    }

    private static ApplyResult NotSentResult(ManifestDocument doc, ApplyOptions options) => new()
    {
        Document = doc, Action = ApplyAction.Failed, DryRun = options.DryRun, Namespace = doc.Namespace,
        Error = RequestFailures.NotSent($"{Where(doc)}: {doc.Display}", doc.Kind, doc.Name, doc.Namespace, "Apply"),
    };

    private static ApplyResult Failed(Prepared p, K8sError error, ApplyOptions options, IReadOnlyList<string>? notes = null) => new()
    {
        Document = p.Document, Action = ApplyAction.Failed, Resource = p.Resource, Namespace = p.Namespace, Issues = p.Issues, DryRun = options.DryRun,
        Error = error, Notes = notes ?? p.Notes,
    };

    /// <summary>The result of the server's answer: created (201, or nothing was there), unchanged or configured, or its refusal with the lines.</summary>
    private static ApplyResult Outcome(Prepared p, KubeResponse response, JsonObject? before, IReadOnlyList<string> notes, ApplyOptions options)
    {
        if (!response.IsSuccess)
        {
            var error = ErrorMapper.FromStatus(response.StatusCode, response.Body, p.Document.Kind, p.Name, p.Namespace);
            return Failed(p, WithLines(error, p.Document, response.StatusCode == 409 && !options.Force), options, notes);
        }
        var obj = response.Json as JsonObject;
        var action = response.StatusCode == 201 || before is null ? ApplyAction.Created
            : Same(before, obj, p.Body, options.FieldManager, options.DryRun) ? ApplyAction.Unchanged : ApplyAction.Configured;
        return new ApplyResult
        {
            Document = p.Document, Action = action, Resource = p.Resource, Namespace = p.Namespace, Object = obj, Issues = p.Issues, DryRun = options.DryRun, Notes = notes,
        };
    }

    /// <summary>
    /// Unchanged when the server did not write the object (same resourceVersion), or wrote only who owns which
    /// field: applying `Get-K8sDeployment x | ConvertTo-K8sYaml` back takes ownership but changes nothing a user sees.
    /// Someone else may also have written between our read and our apply (a controller's revision annotation): then
    /// what was sent decides, unchanged when every field sent held the same value before and after and the fields
    /// this manager owns are the same (a field left out of the document is a change). A dry run never bumps the
    /// resourceVersion, so there the content decides.
    /// </summary>
    internal static bool Same(JsonObject before, JsonObject? after, JsonNode? sent = null, string? manager = null, bool dryRun = false)
    {
        if (after is null) return false;
        // The same resourceVersion outside a dry run: the server wrote nothing. Most of a re-apply ends here, without
        // copying either object.
        if (!dryRun && ResourceVersion(before) is { } version && version == ResourceVersion(after)) return true;
        if (SameContent(before, after)) return true;
        return sent is JsonObject shape && manager is not null
            && JsonNode.DeepEquals(Projected(before, shape), Projected(after, shape))
            && JsonNode.DeepEquals(OwnedBy(before, manager), OwnedBy(after, manager));
    }

    private static string? ResourceVersion(JsonObject obj) =>
        obj["metadata"]?["resourceVersion"] is JsonValue v && v.TryGetValue<string>(out var version) ? version : null;

    /// <summary>The values of <paramref name="node"/> at the paths of <paramref name="shape"/> (lists whole).</summary>
    private static JsonNode? Projected(JsonNode? node, JsonNode shape)
    {
        if (shape is not JsonObject fields || node is not JsonObject obj) return node?.DeepClone();
        var projected = new JsonObject();
        foreach (var (key, value) in fields)
            if (value is not null) projected[key] = obj.TryGetPropertyValue(key, out var held) ? Projected(held, value) : null;
        return projected;
    }

    private static JsonNode? OwnedBy(JsonObject obj, string manager)
        => (obj["metadata"]?["managedFields"] as JsonArray)?
            .FirstOrDefault(e => e?["manager"]?.GetValue<string>() == manager && e?["operation"]?.GetValue<string>() == "Apply")?["fieldsV1"]?.DeepClone();

    // What the server changes on every write, and what a list item comes without (apiVersion, kind) or a write
    // does not touch (status): left out when comparing what an object holds. Metadata is compared on its own.
    private static readonly HashSet<string> WrittenMetadata = ["managedFields", "resourceVersion", "generation"];
    private static readonly HashSet<string> NotContent = ["status", "apiVersion", "kind", "metadata"];

    /// <summary>Both objects hold the same, but for <see cref="NotContent"/> and <see cref="WrittenMetadata"/>; neither is copied.</summary>
    private static bool SameContent(JsonObject before, JsonObject after) =>
        SameFields(before, after, NotContent)
        && (before["metadata"] is JsonObject mb && after["metadata"] is JsonObject ma
            ? SameFields(mb, ma, WrittenMetadata)
            : JsonNode.DeepEquals(before["metadata"], after["metadata"]));

    private static bool SameFields(JsonObject a, JsonObject b, HashSet<string> skipped)
    {
        foreach (var (key, value) in a)
            if (!skipped.Contains(key) && !(b.TryGetPropertyValue(key, out var other) && JsonNode.DeepEquals(value, other))) return false;
        foreach (var (key, _) in b)
            if (!skipped.Contains(key) && !a.ContainsKey(key)) return false;
        return true;
    }

    /// <summary>Adds the file line of each field the server named, and for conflicts what -Force does.</summary>
    internal static K8sError WithLines(K8sError error, ManifestDocument doc, bool conflict)
    {
        var causes = error.Causes.Select(c =>
        {
            if (string.IsNullOrEmpty(c.Field) || doc.Source.File is null && doc.Positions.Count == 0) return c;
            var field = c.Field.StartsWith('.') ? c.Field[1..] : c.Field;
            return c with { Message = $"{c.Message} ({Where(doc, doc.LineOf(field))})" };
        }).ToList();
        var message = $"{Where(doc)}: {doc.Display}: {error.Message}";
        if (conflict)
            message += " Another field manager owns these fields; apply with -Force to take them over.";
        return new K8sError(error.ErrorId, error.Category, message)
        {
            Reason = error.Reason, StatusCode = error.StatusCode, Kind = error.Kind ?? doc.Kind, Name = error.Name ?? doc.Name, Namespace = error.Namespace,
            Causes = causes, RecommendedAction = conflict ? "Apply with -Force to take over the conflicting fields." : error.RecommendedAction,
        };
    }

    internal static string Where(ManifestDocument doc, int? line = null) =>
        doc.Source.File is null && doc.Positions.Count == 0 ? "<input>" : $"{doc.Source.File ?? "<text>"}:{line ?? doc.Source.Line}";

    /// <summary>
    /// After CRDs are created their kinds take a moment to appear in discovery: look again until the kinds these CRDs
    /// define are served (only those: a misspelt kind elsewhere in the batch must not make apply wait).
    /// </summary>
    private async Task<ApiCatalog> WaitForKindsAsync(IEnumerable<ManifestDocument> crds, CancellationToken ct)
    {
        var wanted = crds.SelectMany(DefinedKinds.FromCrd).Select(r => (r.ApiVersion, r.Kind)).Distinct().ToList();
        ApiCatalog catalog = null!;
        // Up to about 20 s: on a busy machine (two cores, a full test run) a new CRD can take several seconds.
        for (var attempt = 0; attempt < 40; attempt++)
        {
            catalog = await ApiCatalog.GetAsync(_rest, ct, refresh: true).ConfigureAwait(false);
            if (wanted.All(w => catalog.Find(w.ApiVersion, w.Kind) is not null)) break;
            await Task.Delay(500, ct).ConfigureAwait(false);
        }
        return catalog;
    }
}
