using K8sPS.Engine.Editing;

namespace K8sPS.Engine.Tests.Editing;

/// <summary>EditorCommand starts the editor kubectl edit would start, from the same variables, split the same way.</summary>
public class EditorCommandTests
{
    private static EditorCommand From(string? kube, string? editor, bool windows = false, string? shell = null)
        => EditorCommand.FromEnvironment(n => n switch { "KUBE_EDITOR" => kube, "EDITOR" => editor, "SHELL" => shell, _ => null }, windows);

    [Fact]
    public void KUBE_EDITOR_comes_first_then_EDITOR_then_vi_or_notepad()
    {
        Assert.Equal("nano", From("nano", "emacs").Program);
        Assert.Equal("emacs", From("", "emacs").Program);
        Assert.Equal("vi", From(null, null).Program);
        Assert.Equal("notepad", From(null, null, windows: true).Program);
    }

    [Fact]
    public void Spaces_split_the_command_and_the_path_comes_last()
    {
        var e = From("code --wait", null);
        Assert.Equal("code", e.Program);
        Assert.Equal(["--wait", "/tmp/k8sps-edit-1.yaml"], e.ArgumentsFor("/tmp/k8sps-edit-1.yaml"));
    }

    [Fact]
    public void Quotes_hand_the_command_to_the_shell_with_the_path_quoted_as_go_does()
    {
        var e = From("'/opt/my editor/ed' -w", null, shell: "/bin/zsh");
        Assert.Equal("/bin/zsh", e.Program);
        Assert.Equal(["-c", "'/opt/my editor/ed' -w \"/tmp/a b\\\"c.yaml\""], e.ArgumentsFor("/tmp/a b\"c.yaml"));
        Assert.Equal("/bin/bash", From("ed \"x\"", null).Program);
    }
}
