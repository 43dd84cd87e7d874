<#
.SYNOPSIS
    Benchmarks K8sPS side by side with kubectl and with raw HTTPS, reported as ratios. Never pass/fail.
.DESCRIPTION
    Measures, in one run:
      - Import-Module K8sPS in a fresh pwsh (median of 5);
      - 200 Get-K8sPod calls in one warm session, 200 `kubectl get pods` processes, and 200 raw HTTPS GETs
        of the same list (one HttpClient, the cluster's client certificate or token);
      - New-K8sDeployment versus `kubectl create deployment` (20 each).
    Then runs every tests/bench/*.Bench.ps1 that other areas add, passing whichever of -ModulePath,
    -Kubeconfig, -Context and -PassThru each declares. Objects with Name, Value and Unit (and Note) join
    the results table; other objects are shown in a table of their own, text goes to the host.

    The cluster: -Kubeconfig (or K8SPS_BENCH_KUBECONFIG) when given, and then also passed to the other
    benches; otherwise the local cluster 'k8sps-bench-p1' is started and removed at the end, and each
    other bench starts and removes a local cluster of its own (k8sps-bench, k8sps-bench-manifests,
    k8sps-bench-sim with 10 nodes, k8sps-bench-rollouts), whatever fails. Nothing prompts: it runs with stdin closed.
.EXAMPLE
    ./build.sh -Task Bench
.EXAMPLE
    dotnet pwsh tests/bench/Invoke-Bench.ps1 -ModulePath out/K8sPS/K8sPS.psd1 -Kubeconfig ~/.kube/k8sps-dev
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)] [string] $ModulePath,
    [string] $Kubeconfig = $env:K8SPS_BENCH_KUBECONFIG,
    [string] $Context,
    [int] $Calls = 200,
    [int] $Creates = 20
)
$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest
# A log (tee) wants plain text, not colour escapes.
if ([Console]::IsOutputRedirected) { $PSStyle.OutputRendering = 'PlainText' }
$ModulePath = (Resolve-Path $ModulePath).Path
$results = [System.Collections.Generic.List[object]]::new()
function Add-Result([string] $name, [double] $value, [string] $unit, [string] $note = '') {
    $results.Add([pscustomobject]@{ Name = $name; Value = [math]::Round($value, 3); Unit = $unit; Note = $note })
}
function Get-Median([double[]] $values) { $s = $values | Sort-Object; $s[[int][math]::Floor(($s.Count - 1) / 2)] }
# The machine is shared: the load around a run says how far its figures can be trusted.
function Get-LoadAverage { if (Test-Path /proc/loadavg) { ((Get-Content /proc/loadavg -Raw) -split ' ')[0..2] -join ' ' } else { 'n/a' } }
$loadAtStart = Get-LoadAverage
$startedAt = Get-Date

# A fresh pwsh as this one was started: `dotnet pwsh.dll` under the dotnet tool, else the executable.
$processPath = [Environment]::ProcessPath
$pwsh = if ([IO.Path]::GetFileNameWithoutExtension($processPath) -eq 'dotnet') { @($processPath, (Join-Path $PSHOME 'pwsh.dll')) } else { @($processPath) }
$pwshArgs = @($pwsh | Select-Object -Skip 1)

Write-Host '==> Import-Module K8sPS in a fresh pwsh (5 runs)' -ForegroundColor Cyan
$imports = foreach ($i in 1..5) {
    $ms = & $pwsh[0] @pwshArgs -NoLogo -NoProfile -NonInteractive -Command "(Measure-Command { Import-Module '$ModulePath' }).TotalMilliseconds"
    [double]($ms | Select-Object -Last 1)
}
Add-Result 'Import-Module K8sPS (median)' (Get-Median $imports) 'ms'

$startedCluster = $null
$ownKubeconfig = $null
$callerKubeconfig = $env:KUBECONFIG
$ns = "bench-$([guid]::NewGuid().ToString('N').Substring(0, 6))"
$kube = @()
try {
    if (-not $Kubeconfig) {
        Import-Module $ModulePath
        if (-not (Get-Command Start-K8sLocalCluster -ErrorAction SilentlyContinue)) {
            throw 'No cluster to measure: pass -Kubeconfig (or set K8SPS_BENCH_KUBECONFIG); this build has no Start-K8sLocalCluster.'
        }
        $startedCluster = 'k8sps-bench-p1'   # not 'k8sps-bench': LocalCluster.Bench.ps1 starts and removes that one
        $ownKubeconfig = $Kubeconfig = Join-Path ([IO.Path]::GetTempPath()) "k8sps-bench-$PID.kubeconfig"
        Write-Host "==> starting local cluster '$startedCluster'" -ForegroundColor Cyan
        Start-K8sLocalCluster -Name $startedCluster -NodeCount 1 -KubeconfigPath $Kubeconfig | Out-Host
    }
    $Kubeconfig = (Resolve-Path $Kubeconfig).Path
    $env:KUBECONFIG = $Kubeconfig
    if (-not $Context) { $Context = (& kubectl --kubeconfig $Kubeconfig config current-context) }
    $kube = @('--kubeconfig', $Kubeconfig, '--context', $Context)

    Import-Module $ModulePath -Force
    $null = & kubectl @kube create namespace $ns
    $null = & kubectl @kube -n $ns create deployment listed --image=nginx --replicas=5
    Start-Sleep -Seconds 2

    Write-Host "==> $Calls x kubectl get pods (one process each)" -ForegroundColor Cyan
    $sw = [Diagnostics.Stopwatch]::StartNew()
    for ($i = 0; $i -lt $Calls; $i++) { $null = & kubectl @kube -n $ns get pods }
    $kubectlMs = $sw.Elapsed.TotalMilliseconds / $Calls
    Add-Result 'kubectl get pods, new process' $kubectlMs 'ms/call'

    Write-Host "==> $Calls x Get-K8sPod (one warm session) and $Calls x raw HTTPS GET (one HttpClient), interleaved" -ForegroundColor Cyan
    $view = (& kubectl @kube config view --raw --minify -o json) -join "`n" | ConvertFrom-Json
    $cluster = $view.clusters[0].cluster
    $user = $view.users[0].user
    $handler = [System.Net.Http.SocketsHttpHandler]::new()
    $ssl = [System.Net.Security.SslClientAuthenticationOptions]::new()
    if ($user.PSObject.Properties['client-certificate-data']) {
        $certPem = [Text.Encoding]::ASCII.GetString([Convert]::FromBase64String($user.'client-certificate-data'))
        $keyPem = [Text.Encoding]::ASCII.GetString([Convert]::FromBase64String($user.'client-key-data'))
        $ssl.ClientCertificates = [System.Security.Cryptography.X509Certificates.X509CertificateCollection]::new()
        $null = $ssl.ClientCertificates.Add([System.Security.Cryptography.X509Certificates.X509Certificate2]::CreateFromPem($certPem, $keyPem))
    }
    if ($cluster.PSObject.Properties['insecure-skip-tls-verify'] -and $cluster.'insecure-skip-tls-verify') {
        # Only because the kubeconfig says so. A compiled callback: script blocks cannot run on the TLS thread.
        if (-not ('K8sPSBench.Tls' -as [type])) {
            Add-Type -TypeDefinition 'namespace K8sPSBench { public static class Tls { public static bool AcceptAny(object s, System.Security.Cryptography.X509Certificates.X509Certificate c, System.Security.Cryptography.X509Certificates.X509Chain ch, System.Net.Security.SslPolicyErrors e) { return true; } } }'
        }
        $ssl.RemoteCertificateValidationCallback = [System.Net.Security.RemoteCertificateValidationCallback] [K8sPSBench.Tls]::AcceptAny
    } elseif ($cluster.PSObject.Properties['certificate-authority-data']) {
        # Trust exactly the cluster's CA, as kubectl does.
        $ca = [System.Security.Cryptography.X509Certificates.X509Certificate2]::new([Convert]::FromBase64String($cluster.'certificate-authority-data'))
        $ssl.CertificateChainPolicy = [System.Security.Cryptography.X509Certificates.X509ChainPolicy]::new()
        $ssl.CertificateChainPolicy.TrustMode = 'CustomRootTrust'
        # A local CA publishes no revocation list; .NET's default (Online) then fails the handshake. kubectl does not check either.
        $ssl.CertificateChainPolicy.RevocationMode = 'NoCheck'
        $null = $ssl.CertificateChainPolicy.CustomTrustStore.Add($ca)
    }
    $handler.SslOptions = $ssl
    $client = [System.Net.Http.HttpClient]::new($handler)
    if ($user.PSObject.Properties['token']) { $client.DefaultRequestHeaders.Authorization = [System.Net.Http.Headers.AuthenticationHeaderValue]::new('Bearer', $user.token) }
    $url = "$($cluster.server.TrimEnd('/'))/api/v1/namespaces/$ns/pods?limit=500"
    $null = $client.GetStringAsync($url).GetAwaiter().GetResult()   # warm: TLS handshake
    $null = Get-K8sPod -Namespace $ns -Context $Context                 # warm: connection, JIT
    # Ten rounds, each tool in turn: the shared machine's load drifts within seconds, and a ratio of two
    # back-to-back loops of 200 measured the drift as much as the tools.
    $rounds = 10
    $perRound = [math]::Max(1, [int][math]::Ceiling($Calls / $rounds))
    $cmdletTotal = 0.0; $rawTotal = 0.0
    for ($r = 0; $r -lt $rounds; $r++) {
        $sw.Restart()
        for ($i = 0; $i -lt $perRound; $i++) { $null = Get-K8sPod -Namespace $ns -Context $Context }
        $cmdletTotal += $sw.Elapsed.TotalMilliseconds
        $sw.Restart()
        for ($i = 0; $i -lt $perRound; $i++) { $null = $client.GetStringAsync($url).GetAwaiter().GetResult() }
        $rawTotal += $sw.Elapsed.TotalMilliseconds
    }
    $cmdletMs = $cmdletTotal / ($rounds * $perRound)
    $rawMs = $rawTotal / ($rounds * $perRound)
    Add-Result 'Get-K8sPod, warm session' $cmdletMs 'ms/call' "$(@(Get-K8sPod -Namespace $ns -Context $Context).Count) pods"
    Add-Result 'raw HTTPS GET, one HttpClient' $rawMs 'ms/call' 'body read as text, not parsed'
    $client.Dispose()

    Write-Host "==> $Creates x New-K8sDeployment vs kubectl create deployment" -ForegroundColor Cyan
    $sw.Restart()
    for ($i = 0; $i -lt $Creates; $i++) { $null = New-K8sDeployment -Name "ours-$i" -Image nginx -Namespace $ns -Context $Context }
    $newMs = $sw.Elapsed.TotalMilliseconds / $Creates
    $sw.Restart()
    for ($i = 0; $i -lt $Creates; $i++) { $null = & kubectl @kube -n $ns create deployment "theirs-$i" --image=nginx }
    $kubectlNewMs = $sw.Elapsed.TotalMilliseconds / $Creates
    Add-Result 'New-K8sDeployment' $newMs 'ms/call'
    Add-Result 'kubectl create deployment' $kubectlNewMs 'ms/call'

    Add-Result 'kubectl get pods / Get-K8sPod' ($kubectlMs / $cmdletMs) 'x' 'goal: >= 10'
    Add-Result 'Get-K8sPod / raw HTTPS GET' ($cmdletMs / $rawMs) 'x' 'goal: <= 1.5'
    Add-Result 'kubectl create / New-K8sDeployment' ($kubectlNewMs / $newMs) 'x'

} catch {
    # Reported, not fatal: the other benches still run on clusters of their own.
    Add-Result 'Get-K8sPod / New-K8sDeployment bench: failed' 0 '' "$_"
} finally {
    if ($kube) { $null = & kubectl @kube delete namespace $ns --wait=false --ignore-not-found 2>&1 }
    if ($startedCluster) { Stop-K8sLocalCluster -Name $startedCluster -Remove -ErrorAction Continue | Out-Null }
    if ($ownKubeconfig) { Remove-Item $ownKubeconfig -ErrorAction SilentlyContinue }
    # The benches below must not find the cluster just removed through KUBECONFIG.
    $env:KUBECONFIG = $callerKubeconfig
}

# Other areas' benches, after ours so they do not compete for the CPU (several start clusters of their own).
# Each gets the parameters it declares among -ModulePath, -Kubeconfig, -Context (only a cluster the caller
# gave, not the one stopped above) and -PassThru.
$others = [System.Collections.Generic.List[object]]::new()
foreach ($file in Get-ChildItem $PSScriptRoot -Filter '*.Bench.ps1' | Sort-Object Name) {
    Write-Host "==> $($file.Name)" -ForegroundColor Cyan
    $declared = (Get-Command $file.FullName).Parameters.Keys
    $arguments = @{}
    if ('ModulePath' -in $declared) { $arguments.ModulePath = $ModulePath }
    if (-not $startedCluster -and 'Kubeconfig' -in $declared) { $arguments.Kubeconfig = $Kubeconfig }
    if (-not $startedCluster -and 'Context' -in $declared) { $arguments.Context = $Context }
    if ('PassThru' -in $declared) { $arguments.PassThru = $true }
    try {
        foreach ($r in & $file.FullName @arguments) {
            if ($null -eq $r) { continue }
            if ($r.PSObject.Properties['Name'] -and $r.PSObject.Properties['Value'] -and $r.PSObject.Properties['Unit']) {
                Add-Result "$($file.BaseName): $($r.Name)" ([double]$r.Value) "$($r.Unit)" $(if ($r.PSObject.Properties['Note']) { "$($r.Note)" } else { '' })
            } elseif ($r -is [string]) { Write-Host $r }   # a bench's own text report: shown, not lost
            else { $others.Add($r) }
        }
    } catch {
        # A broken bench is reported, not fatal: the others still run.
        Add-Result "$($file.BaseName): failed" 0 '' "$_"
    }
}

Write-Host ''
Write-Host "==> results (load average 1/5/15 min: $loadAtStart at start, $(Get-LoadAverage) at end; $([int]((Get-Date) - $startedAt).TotalMinutes) min; $([Environment]::ProcessorCount) cores)" -ForegroundColor Cyan
# Wide and wrapped: the notes carry the goals and what was measured, and must not be cut off in a log.
$results | Format-Table -AutoSize -Wrap | Out-String -Width 220 | Out-Host
if ($others.Count) { $others | Format-Table -AutoSize -Wrap | Out-String -Width 220 | Out-Host }
