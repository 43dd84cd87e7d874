<#
.SYNOPSIS
    Manifests benchmark: one file of N ConfigMaps applied (create), applied again (no change) and removed
    by -Path, by K8sPS, by kubectl and by a raw HTTPS client (16 requests in flight), in the same run.
.DESCRIPTION
    Reports seconds, objects per second and ratios (K8sPS / raw client, K8sPS / kubectl). Never passes or
    fails: timing belongs here, not in tests. K8sPS is measured over HTTP/1.1 (its default) and over HTTP/2
    (K8SPS_HTTP2=1), because the client over HTTP/2 stalled at 16+ requests in flight on this machine.
    With -Kubeconfig (and -Context), runs against that cluster; with none (as under build.ps1 -Task Bench),
    starts the local cluster -LocalClusterName and removes it at the end, whatever failed. Creates and
    deletes namespaces of its own. -PassThru emits Name/Value/Unit/Note objects for a bench runner.
.EXAMPLE
    ./tests/bench/Manifests.Bench.ps1 -ModulePath ./out/K8sPS/K8sPS.psd1
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)] [string] $ModulePath,
    [int] $Count = 500,
    # kubectl delete -f waits for each object in turn (about 100 s for 500 here); -KubectlNoWait adds --wait=false.
    [switch] $KubectlNoWait,
    [int] $InFlight = 16,
    # Rounds of the raw client and K8sPS (HTTP/1.1), reported as medians; kubectl runs once (its delete -f alone takes ~100 s).
    [ValidateRange(1, 9)] [int] $Repeat = 3,
    # The cluster; with no -Kubeconfig, a local cluster of the bench's own (never whatever KUBECONFIG names).
    [string] $Kubeconfig,
    [string] $Context,
    [string] $LocalClusterName = 'k8sps-bench-manifests',
    [switch] $PassThru
)
$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest
$ModulePath = (Resolve-Path $ModulePath).Path
Import-Module $ModulePath -Force
$work = Join-Path ([IO.Path]::GetTempPath()) "k8sps-bench-$PID"
$null = New-Item -ItemType Directory -Force $work
$startedCluster = $false
$previousKubeconfig = $env:KUBECONFIG
if (-not $Kubeconfig) {
    # Never whatever KUBECONFIG happens to point at: a cluster of our own, from scratch.
    if (Get-K8sLocalCluster -Name $LocalClusterName -ErrorAction SilentlyContinue) { Stop-K8sLocalCluster -Name $LocalClusterName -Remove | Out-Null }
    $Kubeconfig = Join-Path $work 'kubeconfig'
    $Context = $null
    Write-Host "starting local cluster '$LocalClusterName'"
    $startedCluster = $true
    try { $null = Start-K8sLocalCluster -Name $LocalClusterName -NodeCount 1 -KubeconfigPath $Kubeconfig }
    catch { Stop-K8sLocalCluster -Name $LocalClusterName -Remove -ErrorAction Continue | Out-Null; Remove-Item $work -Recurse -Force; throw }
}
$env:KUBECONFIG = (Resolve-Path $Kubeconfig).Path
# The same cluster for all three: kubectl flags, K8sPS -Context, and the raw client's context.
$kubectlContext = if ($Context) { @('--context', $Context) } else { @() }
$k8sps = if ($Context) { @{ Context = $Context } } else { @{} }
function kubectl { & (Get-Command kubectl -CommandType Application | Select-Object -First 1) @kubectlContext @args }

$file = Join-Path $work 'configmaps.yaml'
$docs = foreach ($i in 0..($Count - 1)) { "apiVersion: v1`nkind: ConfigMap`nmetadata:`n  name: bench-$i`n  labels:`n    bench: manifests`ndata:`n  index: `"$i`"`n  payload: `"$('x' * 200)`"`n" }
Set-Content -Path $file -Value ($docs -join "---`n") -NoNewline

$suffix = [guid]::NewGuid().ToString('N').Substring(0, 6)
$namespaces = @{ k8sps = "bench-k8sps-$suffix"; k8sps2 = "bench-k8sps-h2-$suffix"; kubectl = "bench-kubectl-$suffix"; raw = "bench-raw-$suffix"; rawPost = "bench-raw-post-$suffix" }

function Measure-Step([scriptblock] $Block) { $sw = [Diagnostics.Stopwatch]::StartNew(); & $Block | Out-Null; $sw.Elapsed.TotalSeconds }

# ---------------------------------------------------------------- raw HTTPS client from the kubeconfig
# Compiled, not script: TLS callbacks and continuations run on pool threads, where no PowerShell runspace is.
Add-Type -TypeDefinition @'
using System;
using System.Linq;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
public static class K8sPSRawBench
{
    public static HttpClient Create(string server, string caData, bool skipVerify, string token, string certData, string keyData, int inFlight)
    {
        var handler = new SocketsHttpHandler { MaxConnectionsPerServer = inFlight };
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
        var client = new HttpClient(handler) { BaseAddress = new Uri(server.TrimEnd('/') + "/"), DefaultRequestVersion = new Version(1, 1) };
        if (!string.IsNullOrEmpty(token)) client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>One request per path with inFlight at once; returns how many failed.</summary>
    public static int Run(HttpClient client, string method, string[] paths, string[] bodies, string contentType, int inFlight)
    {
        using var gate = new SemaphoreSlim(inFlight);
        var failed = 0;
        Task.WaitAll(paths.Select(async (path, i) =>
        {
            await gate.WaitAsync();
            try
            {
                using var request = new HttpRequestMessage(new HttpMethod(method), path);
                if (bodies is not null)
                {
                    request.Content = new StringContent(bodies[i], Encoding.UTF8);
                    request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
                }
                using var response = await client.SendAsync(request);
                if (!response.IsSuccessStatusCode) Interlocked.Increment(ref failed);
            }
            finally { gate.Release(); }
        }).ToArray());
        return failed;
    }
}
'@

function New-RawClient {
    $cfg = ConvertFrom-K8sYaml -Path ($env:KUBECONFIG ?? (Join-Path $HOME '.kube/config'))
    $ctx = ($cfg.contexts | Where-Object name -EQ ($Context ? $Context : $cfg.'current-context')).context
    $cluster = ($cfg.clusters | Where-Object name -EQ $ctx.cluster).cluster
    $user = ($cfg.users | Where-Object name -EQ $ctx.user).user
    function Field($o, $name) { if ($o.PSObject.Properties[$name]) { $o.$name } else { $null } }
    $caData = Field $cluster 'certificate-authority-data'
    if (-not $caData -and (Field $cluster 'certificate-authority')) { $caData = [Convert]::ToBase64String([IO.File]::ReadAllBytes((Field $cluster 'certificate-authority'))) }
    [K8sPSRawBench]::Create($cluster.server, $caData, [bool](Field $cluster 'insecure-skip-tls-verify'), (Field $user 'token'),
        (Field $user 'client-certificate-data'), (Field $user 'client-key-data'), $InFlight)
}

function Invoke-Raw([System.Net.Http.HttpClient] $client, [string] $method, [string[]] $paths, [string[]] $bodies, [string] $contentType) {
    $failed = [K8sPSRawBench]::Run($client, $method, $paths, $bodies, $contentType, $InFlight)
    if ($failed) { Write-Warning "raw client: $failed of $($paths.Count) $method requests failed" }
}

function Body([int] $i) { "{`"apiVersion`":`"v1`",`"kind`":`"ConfigMap`",`"metadata`":{`"name`":`"bench-$i`",`"labels`":{`"bench`":`"manifests`"}},`"data`":{`"index`":`"$i`",`"payload`":`"$('x' * 200)`"}}" }

$results = [ordered]@{}
try {
    foreach ($ns in $namespaces.Values) { $null = kubectl create namespace $ns }
    $raw = New-RawClient
    $rawNs = $namespaces.raw
    # Warm up each tool once (JIT, discovery cache, TLS), so the runs compare steady-state work.
    $null = [K8sPSRawBench]::Run($raw, 'GET', [string[]]@('api/v1/namespaces/default'), $null, $null, 1)
    $null = Get-K8sResource @k8sps namespace default
    # ...and the apply and remove paths themselves (YAML reader, lint, applier): one document, then gone.
    $warmFile = Join-Path $work 'warmup.yaml'
    Set-Content -Path $warmFile -Value "apiVersion: v1`nkind: ConfigMap`nmetadata:`n  name: warmup`ndata:`n  a: b`n"
    $null = Set-K8sResource @k8sps -Path $warmFile -Namespace $namespaces.k8sps
    $null = Remove-K8sResource @k8sps -Path $warmFile -Namespace $namespaces.k8sps
    $null = kubectl get namespace default
    $bodies = [string[]]@(0..($Count - 1) | ForEach-Object { Body $_ })
    $collection = "api/v1/namespaces/$rawNs/configmaps"
    $items = [string[]]@(0..($Count - 1) | ForEach-Object { "$collection/bench-$_" })
    # The raw client does what K8sPS does on the wire: server-side apply (a PATCH that creates), not a POST,
    # which costs the apiserver less (no managed-fields merge); the POST figure is kept beside it.
    $applyPaths = [string[]]@($items | ForEach-Object { "$($_)?fieldManager=raw" })
    # Each step takes well under a second, so one sample swings with the shared machine's load:
    # -Repeat rounds, raw and K8sPS interleaved so drift hits both alike, and the median of each.
    $samples = @{}
    function Add-Sample([string] $key, [double] $seconds) { if (-not $samples.ContainsKey($key)) { $samples[$key] = [Collections.Generic.List[double]]::new() }; $samples[$key].Add($seconds) }
    for ($round = 1; $round -le $Repeat; $round++) {
        Add-Sample 'raw create' (Measure-Step { Invoke-Raw $raw PATCH $applyPaths $bodies 'application/apply-patch+yaml' })
        Add-Sample 'raw apply again' (Measure-Step { Invoke-Raw $raw PATCH $applyPaths $bodies 'application/apply-patch+yaml' })
        Add-Sample 'raw remove' (Measure-Step { Invoke-Raw $raw DELETE $items $null $null })
        Add-Sample 'k8sps create' (Measure-Step { Set-K8sResource @k8sps -Path $file -Namespace $namespaces.k8sps })
        Add-Sample 'k8sps apply again' (Measure-Step { Set-K8sResource @k8sps -Path $file -Namespace $namespaces.k8sps })
        Add-Sample 'k8sps remove' (Measure-Step { Remove-K8sResource @k8sps -Path $file -Namespace $namespaces.k8sps })
    }
    foreach ($key in $samples.Keys) { $sorted = @($samples[$key] | Sort-Object); $results[$key] = $sorted[[int][math]::Floor(($sorted.Count - 1) / 2)] }
    $postCollection = "api/v1/namespaces/$($namespaces.rawPost)/configmaps"
    $results['raw POST create'] = Measure-Step { Invoke-Raw $raw POST ([string[]]@(1..$Count | ForEach-Object { $postCollection })) $bodies 'application/json' }

    $env:K8SPS_HTTP2 = '1'
    $results['k8sps http2 create'] = Measure-Step { Set-K8sResource @k8sps -Path $file -Namespace $namespaces.k8sps2 }
    $results['k8sps http2 apply again'] = Measure-Step { Set-K8sResource @k8sps -Path $file -Namespace $namespaces.k8sps2 }
    $results['k8sps http2 remove'] = Measure-Step { Remove-K8sResource @k8sps -Path $file -Namespace $namespaces.k8sps2 }
    $env:K8SPS_HTTP2 = $null

    $results['kubectl create'] = Measure-Step { kubectl apply -f $file -n $namespaces.kubectl }
    $results['kubectl apply again'] = Measure-Step { kubectl apply -f $file -n $namespaces.kubectl }
    $wait = if ($KubectlNoWait) { '--wait=false' } else { '--wait=true' }
    $results['kubectl remove'] = Measure-Step { kubectl delete -f $file -n $namespaces.kubectl $wait }
}
finally {
    $env:K8SPS_HTTP2 = $null
    if ($startedCluster) { Stop-K8sLocalCluster -Name $LocalClusterName -Remove -ErrorAction Continue | Out-Null }
    else { foreach ($ns in $namespaces.Values) { $null = kubectl delete namespace $ns --wait=false 2>&1 } }
    $env:KUBECONFIG = $previousKubeconfig
    Remove-Item $work -Recurse -Force -ErrorAction SilentlyContinue
}

$title = "`nManifests bench: $Count ConfigMaps in one file; raw client and K8sPS with $InFlight requests in flight, median of $Repeat rounds (HTTP/2 and kubectl: one)`n"
$rows = foreach ($op in 'create', 'apply again', 'remove') {
    $k = $results["k8sps $op"]; $h2 = $results["k8sps http2 $op"]; $kc = $results["kubectl $op"]; $r = $results["raw $op"]
    [pscustomobject]@{
        Operation          = $op
        'K8sPS s'          = [math]::Round($k, 2)
        'K8sPS/s'          = [math]::Round($Count / $k)
        'K8sPS HTTP/2 s'   = [math]::Round($h2, 2)
        'kubectl s'        = [math]::Round($kc, 2)
        'raw s'            = [math]::Round($r, 2)
        'K8sPS / raw'      = [math]::Round($k / $r, 2)
        'kubectl / K8sPS'  = [math]::Round($kc / $k, 2)
    }
}
$note = "kubectl remove ran with $wait. The raw client creates by server-side apply, as K8sPS does; by POST it took $([math]::Round($results['raw POST create'], 2)) s. Ratios only; this benchmark never fails."
if (-not $PassThru) { $title; $rows | Format-Table -AutoSize | Out-String; $note; return }
Write-Host $title
$rows | Format-Table -AutoSize | Out-Host
Write-Host $note
foreach ($row in $rows) {
    $op = $row.Operation
    [pscustomobject]@{ Name = "$Count ConfigMaps $($op): K8sPS"; Value = $row.'K8sPS s'; Unit = 's'; Note = "$($row.'K8sPS/s') objects/s; HTTP/2 $($row.'K8sPS HTTP/2 s') s" }
    [pscustomobject]@{ Name = "$Count ConfigMaps $($op): raw client, $InFlight in flight"; Value = $row.'raw s'; Unit = 's'
        Note = $(if ($op -eq 'create') { "server-side apply, as K8sPS; a plain POST create took $([math]::Round($results['raw POST create'], 2)) s" } else { '' }) }
    [pscustomobject]@{ Name = "$Count ConfigMaps $($op): kubectl"; Value = $row.'kubectl s'; Unit = 's'; Note = $(if ($op -eq 'remove') { "delete -f $wait" } else { '' }) }
    [pscustomobject]@{ Name = "$Count ConfigMaps $($op): K8sPS / raw"; Value = $row.'K8sPS / raw'; Unit = 'x'; Note = 'goal: <= 1.5' }
    [pscustomobject]@{ Name = "$Count ConfigMaps $($op): kubectl / K8sPS"; Value = $row.'kubectl / K8sPS'; Unit = 'x'; Note = '' }
}
