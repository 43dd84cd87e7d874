<#
.SYNOPSIS
    Rollouts benchmark: from the watch event that completes a rollout to Wait-K8sRollout returning, against
    `kubectl rollout status` on the same kind of rollout; median of -Runs each, and the ratio. Never passes or fails.
.DESCRIPTION
    A Deployment of 2 replicas whose pods become Ready 1.5 s after they start (readiness probe
    initialDelaySeconds 15, which the simulated kubelet scales by 0.1) is rolled out again and again (Set-K8sImage
    with a new tag). Right after each change, the waiter under test starts: Wait-K8sRollout in this session, or a
    `kubectl rollout status` process. Beside them, a watch of our own on the Deployment (a compiled HttpClient
    reading the watch stream, no K8sPS code in it) notes when the status update that completes the rollout
    arrives: the one whose status says, by kubectl's rule, that every replica of the current generation is
    updated and available. The figure is the time from that arrival to the waiter returning. A run where the
    rollout completed less than 1 s after the waiter started is dropped (the waiter may not have been watching
    yet; kubectl's own start-up is about 0.1-0.3 s), and run again. The two waiters take turns, so drift in the
    machine's load hits both alike.

    With -Kubeconfig (and -Context), runs against that cluster; with none (as under build.ps1 -Task Bench), starts
    the local cluster -LocalClusterName (1 node) and removes it at the end. -PassThru emits Name/Value/Unit/Note
    objects for the bench runner.
.EXAMPLE
    ./tests/bench/Rollouts.Bench.ps1 -ModulePath ./out/K8sPS/K8sPS.psd1
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)] [string] $ModulePath,
    [ValidateRange(1, 100)] [int] $Runs = 20,
    [string] $Kubeconfig,
    [string] $Context,
    [string] $LocalClusterName = 'k8sps-bench-rollouts',
    [switch] $PassThru
)
$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest
$ModulePath = (Resolve-Path $ModulePath).Path
Import-Module $ModulePath -Force
$work = Join-Path ([IO.Path]::GetTempPath()) "k8sps-bench-rollouts-$PID"
$null = New-Item -ItemType Directory -Force $work
$startedCluster = $false
$previousKubeconfig = $env:KUBECONFIG
if (-not $Kubeconfig) {
    if (Get-K8sLocalCluster -Name $LocalClusterName -ErrorAction SilentlyContinue) { Stop-K8sLocalCluster -Name $LocalClusterName -Remove | Out-Null }
    $Kubeconfig = Join-Path $work 'kubeconfig'
    $Context = $null
    Write-Host "starting local cluster '$LocalClusterName'"
    $startedCluster = $true
    try { $null = Start-K8sLocalCluster -Name $LocalClusterName -NodeCount 1 -KubeconfigPath $Kubeconfig -Wait }
    catch { Stop-K8sLocalCluster -Name $LocalClusterName -Remove -ErrorAction Continue | Out-Null; Remove-Item $work -Recurse -Force; throw }
}
$env:KUBECONFIG = (Resolve-Path $Kubeconfig).Path
$kubectlContext = if ($Context) { @('--context', $Context) } else { @() }
$k8sps = if ($Context) { @{ Context = $Context } } else { @{} }
$kubectlPath = (Get-Command kubectl -CommandType Application | Select-Object -First 1).Source
function kubectl { & $kubectlPath @kubectlContext @args }

# ---------------------------------------------------------------- the reference watch, compiled
# Compiled, not script: it reads the stream on a pool thread and stamps each event as it arrives.
Add-Type -TypeDefinition @'
using System;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.IO;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
public sealed class K8sPSRolloutBenchClock : IDisposable
{
    private readonly HttpClient _client;
    private readonly CancellationTokenSource _stop = new CancellationTokenSource();
    private readonly ConcurrentDictionary<long, long> _completedAt = new ConcurrentDictionary<long, long>();
    public Task Reading { get; private set; }

    public K8sPSRolloutBenchClock(string server, string caData, bool skipVerify, string token, string certData, string keyData)
    {
        var handler = new SocketsHttpHandler();
        if (skipVerify) handler.SslOptions.RemoteCertificateValidationCallback = (s, cert, chain, errors) => true;
        else if (!string.IsNullOrEmpty(caData))
        {
            var ca = X509CertificateLoader.LoadCertificate(Convert.FromBase64String(caData));
            handler.SslOptions.RemoteCertificateValidationCallback = (s, cert, chain, errors) =>
            {
                using var c = new X509Chain();
                c.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
                c.ChainPolicy.CustomTrustStore.Add(ca);
                c.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
                return cert is not null && c.Build(new X509Certificate2(cert));
            };
        }
        if (!string.IsNullOrEmpty(certData))
        {
            var pem = Encoding.UTF8.GetString(Convert.FromBase64String(certData));
            var key = Encoding.UTF8.GetString(Convert.FromBase64String(keyData));
            handler.SslOptions.ClientCertificates = new X509CertificateCollection { X509Certificate2.CreateFromPem(pem, key) };
        }
        _client = new HttpClient(handler) { BaseAddress = new Uri(server.TrimEnd('/') + "/"), Timeout = Timeout.InfiniteTimeSpan };
        if (!string.IsNullOrEmpty(token)) _client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
    }

    /// <summary>Watches the one Deployment; each generation's first complete status is stamped (Stopwatch ticks).</summary>
    public void Start(string ns, string name)
    {
        Reading = Task.Run(async () =>
        {
            var path = "apis/apps/v1/namespaces/" + ns + "/deployments?watch=1&fieldSelector=metadata.name%3D" + name;
            using var response = await _client.GetAsync(path, HttpCompletionOption.ResponseHeadersRead, _stop.Token);
            response.EnsureSuccessStatusCode();
            using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(_stop.Token));
            while (!_stop.IsCancellationRequested)
            {
                var line = await reader.ReadLineAsync(_stop.Token);
                if (line is null) break;
                var stamp = Stopwatch.GetTimestamp();
                using var doc = JsonDocument.Parse(line);
                var o = doc.RootElement.GetProperty("object");
                long generation = o.GetProperty("metadata").TryGetProperty("generation", out var g) ? g.GetInt64() : 0;
                if (!o.TryGetProperty("status", out var st)) continue;
                long Int(JsonElement e, string p) => e.TryGetProperty(p, out var v) ? v.GetInt64() : 0;
                var wanted = o.GetProperty("spec").TryGetProperty("replicas", out var r) ? r.GetInt64() : 1;
                // kubectl's rule (rollout_status.go): observed, all updated, no old ones left, all updated available.
                var done = Int(st, "observedGeneration") >= generation && Int(st, "updatedReplicas") >= wanted
                    && Int(st, "replicas") <= Int(st, "updatedReplicas") && Int(st, "availableReplicas") >= Int(st, "updatedReplicas");
                if (done) _completedAt.TryAdd(generation, stamp);
            }
        });
    }

    /// <summary>When the status completing that generation arrived, or -1 (not yet).</summary>
    public long CompletedAt(long generation) => _completedAt.TryGetValue(generation, out var t) ? t : -1;

    public void Dispose() { _stop.Cancel(); _client.Dispose(); }
}
'@

function New-Clock {
    $cfg = ConvertFrom-K8sYaml -Path $env:KUBECONFIG
    $ctx = ($cfg.contexts | Where-Object name -EQ ($Context ? $Context : $cfg.'current-context')).context
    $cluster = ($cfg.clusters | Where-Object name -EQ $ctx.cluster).cluster
    $user = ($cfg.users | Where-Object name -EQ $ctx.user).user
    function Field($o, $name) { if ($o.PSObject.Properties[$name]) { $o.$name } else { $null } }
    $caData = Field $cluster 'certificate-authority-data'
    if (-not $caData -and (Field $cluster 'certificate-authority')) { $caData = [Convert]::ToBase64String([IO.File]::ReadAllBytes((Field $cluster 'certificate-authority'))) }
    [K8sPSRolloutBenchClock]::new($cluster.server, $caData, [bool](Field $cluster 'insecure-skip-tls-verify'), (Field $user 'token'),
        (Field $user 'client-certificate-data'), (Field $user 'client-key-data'))
}

function Get-Median([double[]] $values) { $s = @($values | Sort-Object); if ($s.Count -eq 0) { return [double]::NaN }; $s[[int][math]::Floor(($s.Count - 1) / 2)] }
function ConvertTo-Ms([long] $ticks) { $ticks * 1000.0 / [Diagnostics.Stopwatch]::Frequency }

$ns = "bench-rollouts-$([guid]::NewGuid().ToString('N').Substring(0, 6))"
$samples = @{ k8sps = [Collections.Generic.List[double]]::new(); kubectl = [Collections.Generic.List[double]]::new() }
$dropped = @{ k8sps = 0; kubectl = 0 }
$clock = $null
try {
    $null = kubectl create namespace $ns
    $manifest = Join-Path $work 'deployment.yaml'
    Set-Content -LiteralPath $manifest -Value @'
apiVersion: apps/v1
kind: Deployment
metadata:
  name: bench
spec:
  replicas: 2
  selector:
    matchLabels: { app: bench }
  template:
    metadata:
      labels: { app: bench }
    spec:
      containers:
      - name: app
        image: registry.local/bench:0
        readinessProbe:
          tcpSocket: { port: 8080 }
          initialDelaySeconds: 15
'@
    $null = kubectl apply -n $ns -f $manifest
    $null = Wait-K8sRollout bench -Namespace $ns -Timeout 2m @k8sps     # warm: connection, JIT
    $clock = New-Clock
    $clock.Start($ns, 'bench')
    Start-Sleep -Milliseconds 500

    $tag = 0
    $attempts = 0
    while (($samples.k8sps.Count -lt $Runs -or $samples.kubectl.Count -lt $Runs) -and $attempts -lt 4 * $Runs) {
        $attempts++
        foreach ($tool in 'k8sps', 'kubectl') {
            if ($samples[$tool].Count -ge $Runs) { continue }
            $tag++
            Write-Progress -Activity 'Rollouts bench' -Status "$tool, run $($samples[$tool].Count + 1) of $Runs"
            $change = Set-K8sImage bench -Namespace $ns -Image "app=registry.local/bench:$tag" @k8sps
            $generation = $change.Object.Metadata.Generation
            $started = [Diagnostics.Stopwatch]::GetTimestamp()
            if ($tool -eq 'k8sps') { $null = Wait-K8sRollout bench -Namespace $ns -Timeout 2m @k8sps }
            else { $null = kubectl rollout status -n $ns deployment/bench --timeout=120s; if ($LASTEXITCODE -ne 0) { throw 'kubectl rollout status failed' } }
            $returned = [Diagnostics.Stopwatch]::GetTimestamp()
            # The reference watch may stamp the event a moment after the waiter returned: give it that moment.
            $deadline = [DateTime]::UtcNow.AddSeconds(5)
            while (($arrived = $clock.CompletedAt($generation)) -lt 0 -and [DateTime]::UtcNow -lt $deadline) { Start-Sleep -Milliseconds 5 }
            if ($arrived -lt 0) { throw "the reference watch never saw generation $generation complete" }
            if ((ConvertTo-Ms ($arrived - $started)) -lt 1000) { $dropped[$tool]++; continue }
            $samples[$tool].Add((ConvertTo-Ms ($returned - $arrived)))
        }
    }
    Write-Progress -Activity 'Rollouts bench' -Completed
}
finally {
    if ($clock) { $clock.Dispose() }
    if ($startedCluster) { Stop-K8sLocalCluster -Name $LocalClusterName -Remove -ErrorAction Continue | Out-Null }
    else { $null = kubectl delete namespace $ns --wait=false 2>&1 }
    $env:KUBECONFIG = $previousKubeconfig
    Remove-Item $work -Recurse -Force -ErrorAction SilentlyContinue
}

$ours = Get-Median $samples.k8sps
$theirs = Get-Median $samples.kubectl
$spread = { param($l) $s = @($l | Sort-Object); if ($s.Count) { "min $([math]::Round($s[0], 1)), max $([math]::Round($s[-1], 1)) ms" } else { '' } }
$rows = @(
    [pscustomobject]@{ Name = "rollout complete -> Wait-K8sRollout returns (median of $($samples.k8sps.Count))"; Value = [math]::Round($ours, 1); Unit = 'ms'; Note = "goal: < 20 ms; $(& $spread $samples.k8sps); $($dropped.k8sps) run(s) dropped" }
    [pscustomobject]@{ Name = "rollout complete -> kubectl rollout status returns (median of $($samples.kubectl.Count))"; Value = [math]::Round($theirs, 1); Unit = 'ms'; Note = "$(& $spread $samples.kubectl); $($dropped.kubectl) run(s) dropped" }
    [pscustomobject]@{ Name = 'kubectl / Wait-K8sRollout, event to return'; Value = [math]::Round($theirs / $ours, 2); Unit = 'x'; Note = 'goal: >= 1 (never slower than kubectl)' }
)
if (-not $PassThru) { "`nRollouts bench`n"; $rows | Format-Table -AutoSize -Wrap | Out-String -Width 200; return }
$rows
