using k8s.Models;
using K8sPS.Engine.Errors;

namespace K8sPS.Engine.Generators;

/// <summary>What New-K8sDeployment asks for: the inputs of `kubectl create deployment`.</summary>
public sealed record DeploymentRequest(string Name, IReadOnlyList<string> Images, int Replicas = 1, int? Port = null);

/// <summary>
/// Builds the Deployment `kubectl create deployment` builds for the same input: labels, selector and
/// template labels app=&lt;name&gt;, one container per image named after the image, replicas set
/// explicitly, the port (if any) on the first container only. Server defaults are left to the server.
/// </summary>
public static class DeploymentGenerator
{
    /// <summary>Validates and builds; <paramref name="randomSuffix"/> replaces kubectl's 5 random characters (tests pin it).</summary>
    public static V1Deployment Build(DeploymentRequest request, Func<string>? randomSuffix = null)
    {
        ArgumentNullException.ThrowIfNull(request);
        Validate(request);
        var labels = () => new Dictionary<string, string> { ["app"] = request.Name };
        var containers = request.Images.Select(image => new V1Container
        {
            Name = ContainerNameFor(image, randomSuffix ?? RandomSuffix),
            Image = image,
        }).ToList();
        if (request.Port is int port && containers.Count > 0)
            containers[0].Ports = [new V1ContainerPort { ContainerPort = port }];
        return new V1Deployment
        {
            ApiVersion = "apps/v1",
            Kind = "Deployment",
            Metadata = new V1ObjectMeta { Name = request.Name, Labels = labels() },
            Spec = new V1DeploymentSpec
            {
                Replicas = request.Replicas,
                Selector = new V1LabelSelector { MatchLabels = labels() },
                Template = new V1PodTemplateSpec
                {
                    Metadata = new V1ObjectMeta { Labels = labels() },
                    Spec = new V1PodSpec { Containers = containers },
                },
            },
        };
    }

    /// <summary>Every reason the request would fail or produce pods no node can run; throws one error with all of them.</summary>
    public static void Validate(DeploymentRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var causes = new List<K8sErrorCause>();
        causes.AddRange(Validation.ObjectName(request.Name));
        if (causes.Count == 0) causes.AddRange(Validation.LabelValue(request.Name, "metadata.labels"));
        if (request.Images is null || request.Images.Count == 0)
            causes.Add(new("spec.template.spec.containers", "FieldValueRequired", "Required value: at least one image is required"));
        else
            for (var i = 0; i < request.Images.Count; i++)
                causes.AddRange(Validation.Image(request.Images[i], $"spec.template.spec.containers[{i}].image"));
        if (request.Replicas < 0)
            causes.Add(new("spec.replicas", "FieldValueInvalid", $"Invalid value: {request.Replicas}: must be greater than or equal to 0"));
        if (request.Port is int p && (p < 1 || p > 65535))
            causes.Add(new("spec.template.spec.containers[0].ports[0].containerPort", "FieldValueInvalid", $"Invalid value: {p}: must be between 1 and 65535, inclusive"));
        Validation.ThrowIfAny(causes, "Deployment", request.Name);
    }

    /// <summary>
    /// kubectl's container name: the last path segment of the image without tag or digest; when that
    /// holds '_' or '.', those become '-' and a random 5-character suffix is added (as kubectl does).
    /// </summary>
    public static string ContainerNameFor(string image, Func<string> randomSuffix)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentNullException.ThrowIfNull(randomSuffix);
        var name = image[(image.LastIndexOf('/') + 1)..];
        if (name.Contains(':')) name = name[..name.IndexOf(':')];
        if (name.Contains('@')) name = name[..name.IndexOf('@')];
        if (name.AsSpan().IndexOfAny('_', '.') >= 0)
            name = name.Replace('_', '-').Replace('.', '-') + "-" + randomSuffix();
        return name;
    }

    // kubectl's alphabet for random suffixes: no vowels or look-alike digits, so no words appear.
    private const string SuffixAlphabet = "bcdfghjklmnpqrstvwxz2456789";

    private static string RandomSuffix()
        => string.Create(5, 0, (span, _) =>
        {
            for (var i = 0; i < span.Length; i++) span[i] = SuffixAlphabet[Random.Shared.Next(SuffixAlphabet.Length)];
        });
}
