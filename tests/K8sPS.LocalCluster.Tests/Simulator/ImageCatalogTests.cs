using K8sPS.LocalCluster.Simulator;

namespace K8sPS.LocalCluster.Tests.Simulator;

public sealed class ImageCatalogTests
{
    [Theory]
    [InlineData("nginx", "docker.io/library/nginx:latest")]
    [InlineData("nginx:1.25", "docker.io/library/nginx:1.25")]
    [InlineData("my-docker-hub/app:lastest", "docker.io/my-docker-hub/app:lastest")]
    [InlineData("quay.io/org/app", "quay.io/org/app:latest")]
    [InlineData("localhost:5000/app:1", "localhost:5000/app:1")]
    [InlineData("nginx@sha256:abc", "docker.io/library/nginx@sha256:abc")]
    public void Images_are_resolved_to_their_full_reference_as_a_runtime_does(string image, string full) =>
        Assert.Equal(full, ImageCatalog.Normalize(image));

    [Fact]
    public void Patterns_match_the_image_as_written_or_in_full()
    {
        var catalog = ImageCatalog.FromData(new Dictionary<string, string>
        {
            [ImageCatalog.MissingKey] = "*:lastest   # the notes' typo\ndocker.io/library/redis:9*\n",
            [ImageCatalog.DeniedKey] = "private/*, quay.io/secret/?pp",
        });
        Assert.Equal(ImagePullFailure.NotFound, catalog.Verdict("my-docker-hub/app:lastest"));
        Assert.Equal(ImagePullFailure.NotFound, catalog.Verdict("redis:9.1"));
        Assert.Equal(ImagePullFailure.Denied, catalog.Verdict("private/app:1"));
        Assert.Equal(ImagePullFailure.Denied, catalog.Verdict("quay.io/secret/app"));
        Assert.Null(catalog.Verdict("my-docker-hub/app:latest"));
        Assert.Null(catalog.Verdict("redis:7"));
    }

    [Fact]
    public void No_config_map_means_every_image_is_there()
    {
        Assert.True(ImageCatalog.FromData(null).IsEmpty);
        Assert.Null(ImageCatalog.FromData(new Dictionary<string, string> { ["other"] = "x" }).Verdict("nginx"));
    }
}
