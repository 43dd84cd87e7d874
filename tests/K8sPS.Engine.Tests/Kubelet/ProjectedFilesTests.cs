using System.Text.Json;
using k8s.Models;
using K8sPS.Engine.Kubelet;
using static K8sPS.Engine.Tests.Kubelet.KubeletData;

namespace K8sPS.Engine.Tests.Kubelet;

/// <summary>ProjectedFiles against the kubelet's volume plugins (secret, configmap, projected, downwardapi; makeMounts for subPath).</summary>
public class ProjectedFilesTests
{
    private static PodLookups Cluster(bool withSecret = true, bool withLogLevel = true) => Lookups(
        secrets: withSecret ? [Secret("db-creds", new() { ["username"] = "admin", ["password"] = "hunter2" })] : [],
        configMaps:
        [
            ConfigMap("app-config", withLogLevel ? new() { ["log-level"] = "debug", ["mode"] = "prod" } : new() { ["mode"] = "prod" },
                new() { ["logo.png"] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0xFF] }),
            ConfigMap("web-config", new() { ["nginx.conf"] = "events {}\n", ["other.conf"] = "x" }),
        ],
        allocatable: Allocatable());

    private static string Line(ProjectedFile f) => $"{f.ContainerPath} {f.ModeOctal} {f.Size?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "?"} {f.Source}";

    private static VolumeMountFiles Mount(ContainerFiles files, string volume) => files.Mounts.Single(m => m.VolumeName == volume);

    [Fact]
    public void Each_volume_type_lays_out_its_files_with_sizes_and_modes()
    {
        var files = ProjectedFiles.ForContainer(Pod("volume-pod.yaml"), "app", Cluster());
        Assert.Null(files.Failure);
        Assert.Equal(
        [
            "/etc/creds/password 0400 7 secret db-creds key password",
            "/etc/creds/username 0400 5 secret db-creds key username",
            "/etc/app/logging/level.txt 0600 5 configMap app-config key log-level",
            "/etc/app/logo.png 0644 10 configMap app-config key logo.png",
            "/etc/nginx/nginx.conf 0644 10 configMap web-config key nginx.conf",
            "/projected/db/password 0640 7 secret db-creds key password",
            "/projected/labels 0640 11 downwardAPI metadata.labels",
            "/projected/mode 0640 4 configMap app-config key mode",
            "/projected/token 0640 ? serviceAccountToken (audience vault)",
            "/etc/podinfo/mem_limit 0644 2 downwardAPI limits.memory",
            "/etc/podinfo/name 0644 7 downwardAPI metadata.name",
        ], files.AllFiles.Select(Line));
        Assert.All(Mount(files, "creds").Files, f => Assert.True(f.IsSecret));
        Assert.False(Mount(files, "config").Files[0].IsSecret);
        Assert.True(Mount(files, "all-in-one").Files.Single(f => f.VolumePath == "token").IsSecret);
    }

    [Fact]
    public void These_four_volume_types_are_read_only_and_follow_updates_unless_mounted_by_sub_path()
    {
        var files = ProjectedFiles.ForContainer(Pod("volume-pod.yaml"), "app", Cluster());
        foreach (var name in new[] { "creds", "config", "all-in-one", "podinfo" })
        {
            Assert.True(Mount(files, name).ReadOnly);
            Assert.True(Mount(files, name).ReceivesUpdates);
        }
        var oneFile = Mount(files, "one-file");
        Assert.Equal("nginx.conf", oneFile.SubPath);
        Assert.False(oneFile.ReceivesUpdates);
        Assert.Equal("/etc/nginx/nginx.conf", Assert.Single(oneFile.Files).ContainerPath); // other.conf is not there
    }

    [Fact]
    public void Other_volume_types_are_listed_without_files_and_sub_path_expr_is_expanded_from_the_environment()
    {
        var files = ProjectedFiles.ForContainer(Pod("volume-pod.yaml"), "app", Cluster());
        var perPod = Mount(files, "per-pod");
        Assert.Equal("emptyDir", perPod.VolumeType);
        Assert.Equal("files-0", perPod.SubPath);
        Assert.Empty(perPod.Files);
        Assert.False(Mount(files, "scratch").ReadOnly);
    }

    [Fact]
    public void A_pod_fs_group_adds_group_read_and_a_token_starts_from_0600()
    {
        var pod = Pod("volume-pod.yaml");
        pod.Spec.SecurityContext = new V1PodSecurityContext { FsGroup = 2000 };
        var files = ProjectedFiles.ForContainer(pod, "app", Cluster()).AllFiles.ToDictionary(f => f.ContainerPath, f => f.ModeOctal);
        Assert.Equal("0440", files["/etc/creds/password"]);
        Assert.Equal("0640", files["/etc/app/logging/level.txt"]);
        Assert.Equal("0644", files["/etc/app/logo.png"]);
        Assert.Equal("0640", files["/projected/token"]);
    }

    [Fact]
    public void A_missing_secret_fails_every_volume_that_needs_it_with_the_kubelets_mount_error()
    {
        var files = ProjectedFiles.ForContainer(Pod("volume-pod.yaml"), "app", Cluster(withSecret: false));
        var creds = Mount(files, "creds").Failure!;
        Assert.Equal("ContainerCreating", creds.Reason);
        Assert.Equal("MountVolume.SetUp failed for volume \"creds\" : secret \"db-creds\" not found", creds.Message);
        Assert.Equal(new KubeletEvent("Warning", "FailedMount", creds.Message), creds.Event);
        Assert.Equal("spec.volumes[0]", creds.Field);
        Assert.Equal("MountVolume.SetUp failed for volume \"all-in-one\" : secret \"db-creds\" not found", Mount(files, "all-in-one").Failure!.Message);
        Assert.Empty(Mount(files, "creds").Files);
        Assert.Same(creds, files.Failure);
        Assert.Null(Mount(files, "config").Failure);
    }

    [Fact]
    public void An_optional_missing_secret_gives_no_files_and_a_note()
    {
        var pod = Pod("volume-pod.yaml");
        pod.Spec.Volumes.Single(v => v.Name == "creds").Secret.Optional = true;
        var creds = Mount(ProjectedFiles.ForContainer(pod, "app", Cluster(withSecret: false)), "creds");
        Assert.Null(creds.Failure);
        Assert.Empty(creds.Files);
        Assert.Contains("optional secret db-creds not found", Assert.Single(creds.Notes), StringComparison.Ordinal);
    }

    [Fact]
    public void An_item_whose_key_is_missing_fails_the_volume_unless_optional()
    {
        var files = ProjectedFiles.ForContainer(Pod("volume-pod.yaml"), "app", Cluster(withLogLevel: false));
        Assert.Equal("MountVolume.SetUp failed for volume \"config\" : configmap references non-existent config key: log-level", Mount(files, "config").Failure!.Message);

        var pod = Pod("volume-pod.yaml");
        pod.Spec.Volumes.Single(v => v.Name == "creds").Secret.Items = [new V1KeyToPath { Key = "token", Path = "t" }];
        Assert.Equal("MountVolume.SetUp failed for volume \"creds\" : references non-existent secret key: token",
            Mount(ProjectedFiles.ForContainer(pod, "app", Cluster()), "creds").Failure!.Message);

        pod.Spec.Volumes.Single(v => v.Name == "config").ConfigMap.Optional = true;
        var optional = Mount(ProjectedFiles.ForContainer(pod, "app", Cluster(withLogLevel: false)), "config");
        Assert.Null(optional.Failure);
        Assert.Equal(["logo.png"], optional.Files.Select(f => f.VolumePath));
    }

    [Theory]
    [InlineData("/abs", null, "error SubPath `/abs` must not be an absolute path")]
    [InlineData("a/../../etc", null, "unable to provision SubPath `a/../../etc`: must not contain '..'")]
    [InlineData(null, "$(NOPE)/x", "missing value for NOPE")]
    public void A_bad_sub_path_stops_the_container_with_the_kubelets_error(string? subPath, string? subPathExpr, string message)
    {
        var pod = Pod("volume-pod.yaml");
        var mount = pod.Spec.Containers[0].VolumeMounts.Single(m => m.Name == "one-file");
        mount.SubPath = subPath;
        mount.SubPathExpr = subPathExpr;
        var failure = Mount(ProjectedFiles.ForContainer(pod, "app", Cluster()), "one-file").Failure!;
        Assert.Equal("CreateContainerConfigError", failure.Reason);
        Assert.Equal(message, failure.Message);
    }

    [Fact]
    public void A_sub_path_the_volume_lacks_is_noted_as_an_empty_folder()
    {
        var pod = Pod("volume-pod.yaml");
        pod.Spec.Containers[0].VolumeMounts.Single(m => m.Name == "one-file").SubPath = "nginx.cnf";
        var mount = Mount(ProjectedFiles.ForContainer(pod, "app", Cluster()), "one-file");
        Assert.Empty(mount.Files);
        Assert.Contains("empty folder", Assert.Single(mount.Notes), StringComparison.Ordinal);
    }

    [Fact]
    public void A_sub_path_naming_a_folder_of_items_shows_the_files_under_it()
    {
        var pod = Pod("volume-pod.yaml");
        var mount = pod.Spec.Containers[0].VolumeMounts.Single(m => m.Name == "config");
        mount.SubPath = "logging";
        Assert.Equal(["/etc/app/level.txt"], Mount(ProjectedFiles.ForContainer(pod, "app", Cluster()), "config").Files.Select(f => f.ContainerPath));
    }

    [Fact]
    public void The_listing_holds_no_content()
        => Assert.DoesNotContain("hunter2", JsonSerializer.Serialize(ProjectedFiles.ForContainer(Pod("volume-pod.yaml"), "app", Cluster())), StringComparison.Ordinal);

    [Theory]
    [InlineData("./name", "name")]
    [InlineData("a//b/./c", "a/b/c")]
    [InlineData("a/b/../c", "a/c")]
    public void Downward_api_paths_are_cleaned_as_go_cleans_them(string path, string cleaned) => Assert.Equal(cleaned, ProjectedFiles.CleanPath(path));
}
