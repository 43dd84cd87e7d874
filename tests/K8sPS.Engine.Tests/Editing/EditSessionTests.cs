using System.Text.Json.Nodes;
using K8sPS.Engine.Editing;
using K8sPS.Engine.Errors;

namespace K8sPS.Engine.Tests.Editing;

/// <summary>EditSession follows kubectl edit's rules for what a saved file means, and carries an edit to a newer version only when nothing it touched changed there.</summary>
public class EditSessionTests
{
    private static JsonObject Server(string rv = "100", string image = "nginx:1.24", int replicas = 3) => JsonNode.Parse($$"""
        {
          "apiVersion": "apps/v1",
          "kind": "Deployment",
          "metadata": {
            "name": "web", "namespace": "shop", "uid": "u1", "resourceVersion": "{{rv}}", "generation": 2,
            "creationTimestamp": "2024-05-01T10:00:00Z",
            "annotations": { "deployment.kubernetes.io/revision": "2" },
            "labels": { "app": "web" },
            "managedFields": [ { "manager": "kubectl-create", "operation": "Update", "apiVersion": "apps/v1" } ]
          },
          "spec": {
            "replicas": {{replicas}},
            "selector": { "matchLabels": { "app": "web" } },
            "template": {
              "metadata": { "creationTimestamp": null, "labels": { "app": "web" } },
              "spec": { "containers": [ { "name": "web", "image": "{{image}}", "resources": {} } ] }
            }
          },
          "status": { "observedGeneration": 2, "replicas": 3 }
        }
        """)!.AsObject();

    private static EditSession Session() => new(Server(), "deployments.apps");

    [Fact]
    public void The_file_is_kubectls_header_then_the_object_as_yaml_without_managed_fields()
    {
        var text = Session().Render();
        Assert.StartsWith("# Please edit the object below. Lines beginning with a '#' will be ignored,\n# and an empty file will abort the edit. If an error occurs while saving this file will be\n# reopened with the relevant failures.\n#\napiVersion: apps/v1\nkind: Deployment\n", text, StringComparison.Ordinal);
        Assert.DoesNotContain("managedFields", text, StringComparison.Ordinal);
        Assert.Contains("  creationTimestamp: null\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Saving_it_unchanged_cancels_and_a_comment_only_change_too()
    {
        var s = Session();
        Assert.Equal((EditStep.Cancelled, EditSession.NoChangesText), (s.Read(s.Render()).Step, s.Read(s.Render()).Message));
        Assert.Equal(EditStep.Cancelled, s.Read("# my note\n" + s.Render()).Step);
        Assert.Equal((EditStep.Cancelled, EditSession.EmptyText), (s.Read("# all gone\n\n").Step, s.Read("# all gone\n\n").Message));
    }

    [Fact]
    public void A_layout_only_change_is_unchanged_and_a_real_change_is_a_merge_patch_with_the_version_read()
    {
        var s = Session();
        var reordered = "kind: Deployment\n" + s.Render().Replace("kind: Deployment\n", "", StringComparison.Ordinal) + "\n\n";
        Assert.Equal(EditStep.Unchanged, s.Read(reordered).Step);

        var r = s.Read(s.Render().Replace("nginx:1.24", "nginx:1.25", StringComparison.Ordinal).Replace("replicas: 3\n  selector", "replicas: 5\n  selector", StringComparison.Ordinal));
        Assert.Equal(EditStep.Apply, r.Step);
        Assert.True(MergePatch.JsonEquals(JsonNode.Parse("""{"spec":{"replicas":5,"template":{"spec":{"containers":[{"name":"web","image":"nginx:1.25","resources":{}}]}}},"metadata":{"resourceVersion":"100"}}"""), r.Patch), r.Patch!.ToJsonString());
    }

    [Fact]
    public void A_syntax_error_reopens_the_file_with_the_error_at_the_top_and_the_edit_kept()
    {
        var s = Session();
        var broken = "# Please edit...\n" + s.Render().Replace("  replicas: 3\n", "  replicas: 3: 4\n", StringComparison.Ordinal);
        var r = s.Read(broken);
        Assert.Equal(EditStep.Reopen, r.Step);
        var reason = Assert.Single(r.Reasons);
        Assert.Equal("deployments.apps \"web\" was not valid", reason.Head);
        // kubectl 1.32 counts lines without the comments too: replicas is line 17 of the object's YAML.
        var line = s.Render()[EditSession.HeaderText.Length..].Split('\n').ToList().FindIndex(l => l == "  replicas: 3") + 1;
        Assert.StartsWith($"Invalid value: \"The edited file failed validation\": yaml: line {line}:", Assert.Single(reason.Details), StringComparison.Ordinal);
        var reopened = EditSession.Reopened(r.Reasons, broken);
        Assert.StartsWith(EditSession.HeaderText + "# " + reason.Head + ":\n# * " + reason.Details[0] + "\n#\napiVersion: apps/v1\n", reopened, StringComparison.Ordinal);
        Assert.Contains("  replicas: 3: 4\n", reopened, StringComparison.Ordinal);
        Assert.DoesNotContain("# Please edit...", reopened, StringComparison.Ordinal);

        // Saved again as reopened: kubectl's "no valid changes were saved", an error.
        var again = s.Read(reopened, lastEdit: broken);
        Assert.Equal(EditStep.Failed, again.Step);
        Assert.Equal(("EditCancelled", EditSession.NoValidChangesText), (again.Error!.ErrorId, again.Error.Message));
    }

    [Fact]
    public void The_servers_invalid_answer_becomes_kubectls_reason_with_each_cause()
    {
        var reason = Session().InvalidReason(new K8sError("Invalid", K8sErrorCategory.InvalidArgument, "Deployment.apps \"web\" is invalid")
        {
            Causes = [new K8sErrorCause("spec.replicas", "FieldValueInvalid", "Invalid value: -1: must be greater than or equal to 0")],
        });
        Assert.Equal("# deployments.apps \"web\" was not valid:\n# * spec.replicas: Invalid value: -1: must be greater than or equal to 0\n#\n",
            EditSession.Header([reason])[EditSession.HeaderText.Length..]);
    }

    [Theory]
    [InlineData("kind: Deployment", "kind: StatefulSet")]
    [InlineData("  name: web\n", "  name: web2\n")]
    [InlineData("  namespace: shop", "  namespace: other")]
    public void Changing_what_the_object_is_fails_and_sends_nothing(string from, string to)
    {
        var s = Session();
        var r = s.Read(s.Render().Replace(from, to, StringComparison.Ordinal));
        Assert.Equal(EditStep.Failed, r.Step);
        Assert.Null(r.Patch);
        Assert.Matches("At least one of apiVersion, kind and name was changed|does not match the namespace", r.Error!.Message);
    }

    [Fact]
    public void An_edit_is_carried_to_a_newer_version_when_nothing_it_touches_changed_there()
    {
        var s = Session();
        var edited = s.Read(s.Render().Replace("nginx:1.24", "nginx:1.25", StringComparison.Ordinal)).Edited!;
        // Meanwhile someone scaled it (and the controller wrote its status).
        var current = Server(rv: "105", replicas: 5);
        current["status"]!["replicas"] = 5;
        var (patch, conflicts) = s.Rebase(edited, current);
        Assert.Empty(conflicts);
        Assert.True(MergePatch.JsonEquals(JsonNode.Parse("""{"spec":{"template":{"spec":{"containers":[{"name":"web","image":"nginx:1.25","resources":{}}]}}},"metadata":{"resourceVersion":"105"}}"""), patch), patch!.ToJsonString());
    }

    [Fact]
    public void A_second_conflict_carries_the_same_changes_and_does_not_undo_the_first_others_change()
    {
        // Scaled to 5 while the file was open; the carried patch then met a status write (409 again).
        var s = Session();
        var edited = s.Read(s.Render().Replace("nginx:1.24", "nginx:1.25", StringComparison.Ordinal)).Edited!;
        var (first, _) = s.Rebase(edited, Server(rv: "105", replicas: 5));
        var later = Server(rv: "106", replicas: 5);
        later["status"]!["replicas"] = 5;
        var (second, conflicts) = s.Rebase(edited, later);
        Assert.Empty(conflicts);
        Assert.Null(second!["spec"]!["replicas"]); // the file's replicas: 3 is not the user's change
        Assert.Equal("106", second["metadata"]!["resourceVersion"]!.GetValue<string>());
        (first!["metadata"] as JsonObject)!.Remove("resourceVersion");
        (second["metadata"] as JsonObject)!.Remove("resourceVersion");
        Assert.True(MergePatch.JsonEquals(first, second), second.ToJsonString());
    }

    [Fact]
    public void An_edit_is_not_carried_over_a_change_to_the_same_field()
    {
        var s = Session();
        var edited = s.Read(s.Render().Replace("nginx:1.24", "nginx:1.25", StringComparison.Ordinal)).Edited!;
        var (patch, conflicts) = s.Rebase(edited, Server(rv: "105", image: "nginx:1.26"));
        Assert.Null(patch);
        Assert.Equal(["spec.template.spec.containers"], conflicts);
    }

    [Fact]
    public void An_unclosed_flow_list_is_a_syntax_error_too()
    {
        var s = Session();
        var r = s.Read(s.Render().Replace("  replicas: 3\n", "  replicas: [3\n", StringComparison.Ordinal));
        Assert.Equal(EditStep.Reopen, r.Step);
        Assert.StartsWith("Invalid value: \"The edited file failed validation\": yaml: ", r.Reasons[0].Details[0], StringComparison.Ordinal);
    }

    [Fact]
    public void Comment_lines_are_dropped_as_kubectls_ManualStrip_drops_them()
        => Assert.Equal("a: 1\n  b: 2\n", EditSession.StripComments("# x\na: 1\n   # y\n  b: 2\n"));
}
