using System.Text.Json.Nodes;

namespace K8sPS.Engine.Apply;

public enum ApplyAction { Created, Configured, Unchanged, Failed }
