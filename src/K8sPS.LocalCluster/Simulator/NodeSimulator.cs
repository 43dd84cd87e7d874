using k8s;

namespace K8sPS.LocalCluster.Simulator;

/// <summary>
/// Simulated nodes for a real control plane (the kubelet is the one part of Kubernetes we fake, as KWOK
/// does): registers <see cref="NodeSimulatorOptions.NodeCount"/> nodes that stay Ready, and walks the
/// pods bound to them through their lives. Uses only the client it is given.
/// </summary>
public sealed class NodeSimulator
{
    private readonly IKubernetes _client;
    private readonly NodeSimulatorOptions _options;
    private readonly TimeProvider _clock;
    private readonly TaskCompletionSource _started = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private PodLifecycleController? _pods;

    public NodeSimulator(IKubernetes client, NodeSimulatorOptions options)
        : this(client, options, TimeProvider.System)
    {
    }

    internal NodeSimulator(IKubernetes client, NodeSimulatorOptions options, TimeProvider clock)
    {
        _client = client ?? throw new ArgumentNullException(nameof(client));
        _options = options ?? throw new ArgumentNullException(nameof(options));
        _clock = clock;
    }

    /// <summary>Completes when every node is registered and the pods already bound to them are known; faults if start-up fails.</summary>
    public Task Started => _started.Task;

    public IReadOnlyList<SimulatedNodeIdentity> Nodes => SimulatedNodeIdentity.For(_options);

    /// <summary>True while <paramref name="ip"/> is given to a pod on one of this simulator's nodes.</summary>
    public bool IsPodIpInUse(string ip) => _pods?.IsPodIpInUse(ip) ?? false;

    /// <summary>The port the nodes' kubelet endpoints listen on (0 until started, or when none are served).</summary>
    public int KubeletPort { get; private set; }

    /// <summary>Runs until <paramref name="ct"/> is cancelled. The nodes stay registered (NotReady in time), as a stopped minikube's do.</summary>
    public async Task RunAsync(CancellationToken ct)
    {
        KubeletServer? kubelets = null;
        try
        {
            _options.Validate();
            var kubeletVersion = _options.KubeletVersion
                ?? (await _client.Version.GetCodeAsync(ct).ConfigureAwait(false)).GitVersion;
            // The endpoints listen before the nodes say where they are.
            var port = NodeObjectFactory.DefaultKubeletPort;
            if (_options.KubeletEndpoint is { } endpoint)
            {
                kubelets = new KubeletServer(endpoint, Nodes, _options.Log);
                kubelets.Start();
                port = KubeletPort = kubelets.Port;
            }
            var registrar = new NodeRegistrar(_client, _options, kubeletVersion, _clock, port);
            var nodes = await Task.WhenAll(Nodes.Select(n => registrar.RegisterAsync(n, ct))).ConfigureAwait(false);

            var pods = _pods = new PodLifecycleController(_client, _options, nodes.ToDictionary(n => n.Name), _clock);
            if (kubelets is not null) kubelets.Handler = new KubeletApi(pods.FindPod, _clock).HandleAsync;
            var heartbeat = new NodeHeartbeat(_client, _options, nodes, registrar, _clock, (node, stopped) =>
            {
                kubelets?.SetServing(node.Name, !stopped);
                if (!stopped) pods.ResyncNode(node.Name);
            });
            var running = Task.WhenAll(pods.RunAsync(ct), heartbeat.RunAsync(ct));
            await Task.WhenAny(pods.Synced, running).ConfigureAwait(false);
            if (!running.IsCompleted) _started.TrySetResult();
            await running.ConfigureAwait(false);
            _started.TrySetCanceled(ct);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            _started.TrySetCanceled(ct);
        }
        catch (Exception e)
        {
            _started.TrySetException(e);
            throw;
        }
        finally
        {
            if (kubelets is not null) await kubelets.DisposeAsync().ConfigureAwait(false);
        }
    }
}
