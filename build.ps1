<#
.SYNOPSIS
    The one entry point of K8sPS: Bootstrap, Build, Test, Demo, Cluster, Bench, Package.
.DESCRIPTION
    Bootstrap  installs what the local cluster and the tests need (apt packages, Kubernetes binaries
               built once into a cache outside the repo, Pester from NuGet). Idempotent; seconds when cached.
    Build      builds the solution and assembles the module folder out/K8sPS.
    Test       Bootstrap + Build, the xunit projects, then one local cluster for every Pester scenario,
               stopped whatever failed. Ends with the line 'N passed, N failed'.
    Demo       starts the local cluster 'k8sps-demo' and runs the notes' first practice (P1) through the cmdlets.
    Cluster    starts (or with -Stop, stops) the local cluster 'k8sps-dev' for hands-on work.
    Bench      benchmarks K8sPS side by side with kubectl, reported as ratios.
    Package    Build, then out/package/K8sPS.<version>.nupkg, which Install-PSResource installs from a folder repository.
.EXAMPLE
    ./build.sh -Task Test
#>
[CmdletBinding()]
param(
    [ValidateSet('Bootstrap', 'Build', 'Test', 'Demo', 'Cluster', 'Bench', 'Package')]
    [string] $Task = 'Build',
    [ValidateSet('Debug', 'Release')]
    [string] $Configuration = 'Release',
    # Pester: run only scenarios whose file name matches (e.g. 'P1').
    [string] $Filter = '*',
    # Cluster: stop the dev cluster instead of starting it.
    [switch] $Stop
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest
$root = $PSScriptRoot
$out = Join-Path $root 'out'
$moduleOut = Join-Path $out 'K8sPS'

function Write-Step([string] $text) { Write-Host "==> $text" -ForegroundColor Cyan }

function Invoke-Native([string] $file, [string[]] $arguments) {
    & $file @arguments
    if ($LASTEXITCODE -ne 0) { throw "$file $($arguments -join ' ') failed with exit code $LASTEXITCODE" }
}

function Get-NuGetPackageFolder {
    if ($env:NUGET_PACKAGES) { return $env:NUGET_PACKAGES }
    Join-Path ([Environment]::GetFolderPath('UserProfile')) '.nuget/packages'
}

function Get-PesterModulePath {
    Join-Path (Get-NuGetPackageFolder) 'pester/6.2.0/tools/Pester.psd1'
}

function Invoke-Bootstrap {
    Write-Step 'Kubernetes binaries (etcd, kube-apiserver, kube-controller-manager, kube-scheduler)'
    if ($env:K8SPS_KUBE_BIN) {
        Write-Host "using K8SPS_KUBE_BIN=$env:K8SPS_KUBE_BIN"
    } else {
        # The script streams its progress to stderr and prints the binaries folder last.
        $binLines = & bash (Join-Path $root 'tools/install-k8s-binaries.sh')
        if ($LASTEXITCODE -ne 0) { throw 'tools/install-k8s-binaries.sh failed: see the messages above.' }
        $env:K8SPS_KUBE_BIN = @($binLines)[-1]
        Write-Host "binaries: $env:K8SPS_KUBE_BIN"
    }
    Write-Step 'Test dependencies from NuGet (Pester 6.2.0)'
    Invoke-Native dotnet @('restore', (Join-Path $root 'tools/test-deps/test-deps.csproj'), '--verbosity', 'quiet')
}

# What the module folder holds, explicitly: a missing file fails the build rather than shipping a broken module.
$moduleRootFiles = @('K8sPS.dll', 'K8sPS.pdb')
$moduleRepositoryFiles = @('LICENSE')
# One file a line, so an area that adds views or types adds a line without touching another's.
$moduleStaticFiles = @(
    'K8sPS.format.ps1xml'
    'K8sPS.types.ps1xml'
    'K8sPS.Manifests.format.ps1xml'
    'K8sPS.LocalCluster.format.ps1xml'
    'K8sPS.Kinds.format.ps1xml'
    'K8sPS.Kinds.types.ps1xml'
    'K8sPS.Pester.psm1'
    'K8sPS.Readiness.format.ps1xml'
    'K8sPS.Rollouts.format.ps1xml'
    'K8sPS.Secrets.format.ps1xml'
    'K8sPS.Secrets.types.ps1xml'
    'K8sPS.Kubelet.format.ps1xml'
    'K8sPS.Networking.format.ps1xml'
    'K8sPS.Nodes.format.ps1xml'
    'K8sPS.Nodes.types.ps1xml'
    'K8sPS.Workloads.format.ps1xml'
    'K8sPS.Workloads.types.ps1xml'
    'K8sPS.Metrics.format.ps1xml'
    'K8sPS.Autoscaling.format.ps1xml'
    'K8sPS.Autoscaling.types.ps1xml'
    'K8sPS.Watch.format.ps1xml'
)
$moduleDependencyFiles = @('K8sPS.Engine.dll', 'K8sPS.Engine.pdb', 'KubernetesClient.dll', 'YamlDotNet.dll', 'Fractions.dll')

function Invoke-Build {
    Write-Step "dotnet build ($Configuration)"
    Invoke-Native dotnet @('build', (Join-Path $root 'K8sPS.sln'), '-c', $Configuration, '--nologo', '-v', 'quiet', '-clp:ErrorsOnly')

    Write-Step "module folder $moduleOut"
    if (Test-Path $moduleOut) { Remove-Item $moduleOut -Recurse -Force }
    $null = New-Item -ItemType Directory -Path $moduleOut, (Join-Path $moduleOut 'deps'), (Join-Path $moduleOut 'localcluster')

    $cmdletBin = Join-Path $root "src/K8sPS/bin/$Configuration/net10.0"
    foreach ($f in $moduleRootFiles) { Copy-Item (Join-Path $cmdletBin $f) $moduleOut }
    foreach ($f in $moduleDependencyFiles) { Copy-Item (Join-Path $cmdletBin $f) (Join-Path $moduleOut 'deps') }
    foreach ($f in $moduleStaticFiles) { Copy-Item (Join-Path $root "module/$f") $moduleOut }
    foreach ($f in $moduleRepositoryFiles) { Copy-Item (Join-Path $root $f) $moduleOut }

    # The supervisor runs as a process of its own, with its own dependencies beside it.
    $supervisorBin = Join-Path $root "src/K8sPS.LocalCluster/bin/$Configuration/net10.0"
    if (-not (Test-Path (Join-Path $supervisorBin 'k8sps-localcluster.dll'))) { throw "missing $supervisorBin/k8sps-localcluster.dll" }
    Copy-Item (Join-Path $supervisorBin '*') (Join-Path $moduleOut 'localcluster') -Recurse

    # The manifest gets its version from Directory.Build.props; the tracked file keeps its placeholder.
    $version = ([xml](Get-Content -Raw (Join-Path $root 'Directory.Build.props'))).Project.PropertyGroup.Version | Select-Object -First 1
    (Get-Content -Raw (Join-Path $root 'module/K8sPS.psd1')).Replace('{{Version}}', $version) |
        Set-Content -NoNewline (Join-Path $moduleOut 'K8sPS.psd1')

    $helpScript = Join-Path $root 'tools/New-MamlHelp.ps1'
    if (Test-Path $helpScript) {
        Write-Step 'help (MAML) from module/help'
        & dotnet pwsh -NoLogo -NoProfile -File $helpScript -ModulePath $moduleOut -HelpSource (Join-Path $root 'module/help')
        if ($LASTEXITCODE -ne 0) { throw 'help generation failed' }
    }
    # The about_ topics (plain text) go beside the MAML, where Get-Help about_K8sPS looks for them.
    $aboutFiles = @(Get-ChildItem (Join-Path $root 'module/en-US') -Filter 'about_*.help.txt')
    if ($aboutFiles.Count -eq 0) { throw 'no about_*.help.txt in module/en-US' }
    $null = New-Item -ItemType Directory -Force -Path (Join-Path $moduleOut 'en-US')
    $aboutFiles | Copy-Item -Destination (Join-Path $moduleOut 'en-US')
    Write-Host "module: $moduleOut (version $version)"
}

# Reads a .trx file into pass/fail counts and, for each failed test, its name and first lines of message.
function Get-TrxCounts([string] $path) {
    $run = ([xml](Get-Content -Raw $path)).TestRun
    $counters = $run.ResultSummary.Counters
    $failures = @($run.Results.UnitTestResult | Where-Object { $_.outcome -ne 'Passed' -and $_.outcome -ne 'NotExecuted' } |
        ForEach-Object { "$($_.testName): $(Get-FailureHead $_.Output.ErrorInfo.Message)" })
    [pscustomobject]@{ Passed = [int]$counters.passed; Failed = [int]$counters.failed + [int]$counters.error + [int]$counters.timeout; Failures = $failures }
}

# The first lines of a failure's message: enough to tell why, short enough for the end of a CI log.
function Get-FailureHead([string] $message) {
    (($message -split "`r?`n" | Where-Object { $_.Trim() } | Select-Object -First 4) -join ' | ').Trim()
}

function Invoke-XunitTests {
    $results = Join-Path $out 'test-results'
    $totals = [pscustomobject]@{ Passed = 0; Failed = 0; Failures = @() }
    foreach ($project in Get-ChildItem (Join-Path $root 'tests') -Filter '*.Tests.csproj' -Recurse) {
        Write-Step "xunit: $($project.BaseName)"
        $trx = "$($project.BaseName).trx"
        # To the host: anything left on the output stream would become part of the totals returned below.
        & dotnet test $project.FullName -c $Configuration --no-build --nologo --logger "trx;LogFileName=$trx" --logger 'console;verbosity=normal' --results-directory $results | Out-Host
        $trxPath = Join-Path $results $trx
        if (Test-Path $trxPath) {
            $c = Get-TrxCounts $trxPath
            $totals.Passed += $c.Passed; $totals.Failed += $c.Failed; $totals.Failures += $c.Failures
        } else {
            Write-Host "no results from $($project.BaseName): counted as one failure" -ForegroundColor Red
            $totals.Failed += 1; $totals.Failures += "$($project.BaseName): no results"
        }
    }
    $totals
}

function Invoke-PesterTests {
    # Pester runs in a pwsh of its own against the one test cluster; the scenarios refuse any other context.
    $resultFile = Join-Path $out 'test-results/pester.json'
    $null = New-Item -ItemType Directory -Force (Split-Path $resultFile)
    $runner = {
        param($PesterPath, $TestRoot, $Filter, $ResultFile)
        Import-Module $PesterPath -Force
        $config = New-PesterConfiguration
        $config.Run.Path = $TestRoot
        $config.Run.PassThru = $true
        $config.Run.Exit = $false
        $config.Output.Verbosity = 'Detailed'
        if ($Filter -ne '*') { $config.Filter.FullName = "*$Filter*" }
        $result = Invoke-Pester -Configuration $config
        # Each failed test, block (BeforeAll/AfterAll) and file, with the start of its error, for the run's closing lines.
        $failures = @(@($result.Failed) + @($result.FailedBlocks) + @($result.FailedContainers) | Where-Object { $_ } | ForEach-Object {
            $what = if ($_.ExpandedPath) { $_.ExpandedPath } elseif ($_.Item) { "$($_.Item)" } else { "$($_.Name)" }
            $why = (@($_.ErrorRecord | ForEach-Object { "$_" }) -join ' | ') -replace '\s+', ' '
            "${what}: $($why.Substring(0, [Math]::Min(600, $why.Length)))"
        })
        @{ Passed = $result.PassedCount; Failed = $result.FailedCount + $result.FailedBlocksCount + $result.FailedContainersCount; Failures = $failures } |
            ConvertTo-Json -Depth 3 | Set-Content $ResultFile
    }
    if (Test-Path $resultFile) { Remove-Item $resultFile }
    # To the host, as in Invoke-XunitTests: the function returns only the counts.
    & dotnet pwsh -NoLogo -NoProfile -Command $runner -args (Get-PesterModulePath), (Join-Path $root 'tests/pester'), $Filter, $resultFile | Out-Host
    if (-not (Test-Path $resultFile)) {
        Write-Host 'Pester wrote no results: counted as one failure' -ForegroundColor Red
        return [pscustomobject]@{ Passed = 0; Failed = 1; Failures = @('Pester: no results') }
    }
    Get-Content -Raw $resultFile | ConvertFrom-Json
}

# Starts a local cluster through the module itself, in a pwsh of its own, and returns its kubeconfig path.
# -Fresh first removes what an earlier run of that name left (a test run starts from an empty etcd).
function Start-TestCluster([string] $name, [int] $nodes, [switch] $Fresh) {
    $kubeconfig = Join-Path $out "clusters/$name.kubeconfig"
    $null = New-Item -ItemType Directory -Force (Split-Path $kubeconfig)
    $script = {
        param($ModulePath, $Name, $Nodes, $Kubeconfig, $Fresh)
        $ErrorActionPreference = 'Stop'
        Import-Module $ModulePath
        if ($Fresh -eq 'True' -and (Get-K8sLocalCluster -Name $Name -ErrorAction SilentlyContinue)) {
            Stop-K8sLocalCluster -Name $Name -Remove | Out-Null
        }
        Start-K8sLocalCluster -Name $Name -NodeCount $Nodes -KubeconfigPath $Kubeconfig | Format-List | Out-Host
    }
    # To the host: the function returns only the kubeconfig path.
    & dotnet pwsh -NoLogo -NoProfile -Command $script -args (Join-Path $moduleOut 'K8sPS.psd1'), $name, $nodes, $kubeconfig, $Fresh.IsPresent | Out-Host
    if ($LASTEXITCODE -ne 0) { throw "local cluster '$name' did not start" }
    $kubeconfig
}

function Stop-TestCluster([string] $name) {
    & dotnet pwsh -NoLogo -NoProfile -Command {
        param($ModulePath, $Name)
        Import-Module $ModulePath
        Stop-K8sLocalCluster -Name $Name -Remove -ErrorAction Continue
    } -args (Join-Path $moduleOut 'K8sPS.psd1'), $name
}

function Invoke-Test {
    Invoke-Bootstrap
    Invoke-Build
    $xunit = Invoke-XunitTests

    $clusterName = 'k8sps-test'
    $pester = [pscustomobject]@{ Passed = 0; Failed = 0; Failures = @() }
    try {
        Write-Step "local cluster '$clusterName' for the Pester scenarios"
        $kubeconfig = Start-TestCluster $clusterName 3 -Fresh
        $env:KUBECONFIG = $kubeconfig
        $env:K8SPS_TEST_KUBECONFIG = $kubeconfig
        $env:K8SPS_TEST_CONTEXT = $clusterName
        $env:K8SPS_TEST_MODULE = Join-Path $moduleOut 'K8sPS.psd1'
        Write-Step 'Pester scenarios'
        $pester = Invoke-PesterTests
    } catch {
        Write-Host "Pester run failed: $_" -ForegroundColor Red
        $pester.Failed += 1; $pester.Failures = @($pester.Failures) + "Pester run: $_"
    } finally {
        Write-Step "stopping local cluster '$clusterName'"
        Stop-TestCluster $clusterName
    }

    $passed = $xunit.Passed + $pester.Passed
    $failed = $xunit.Failed + $pester.Failed
    # What failed, last: a CI log is often read from its end only.
    foreach ($f in @($xunit.Failures) + @($pester.Failures) | Where-Object { $_ }) { Write-Host "FAILED $f" -ForegroundColor Red }
    Write-Host "xunit: $($xunit.Passed) passed, $($xunit.Failed) failed; Pester: $($pester.Passed) passed, $($pester.Failed) failed"
    Write-Host "$passed passed, $failed failed"
    if ($failed -gt 0 -or $passed -eq 0) { exit 1 }
}

function Invoke-Demo {
    Invoke-Bootstrap
    Invoke-Build
    & dotnet pwsh -NoLogo -NoProfile -File (Join-Path $root 'examples/runbooks/Demo-P1.ps1') -ModulePath (Join-Path $moduleOut 'K8sPS.psd1')
    if ($LASTEXITCODE -ne 0) { exit $LASTEXITCODE }
}

function Invoke-Cluster {
    if ($Stop) { Stop-TestCluster 'k8sps-dev'; return }
    Invoke-Bootstrap
    Invoke-Build
    $kubeconfig = Start-TestCluster 'k8sps-dev' 3
    Write-Host "export KUBECONFIG=$kubeconfig"
}

function Invoke-Bench {
    Invoke-Bootstrap
    Invoke-Build
    & dotnet pwsh -NoLogo -NoProfile -File (Join-Path $root 'tests/bench/Invoke-Bench.ps1') -ModulePath (Join-Path $moduleOut 'K8sPS.psd1')
    if ($LASTEXITCODE -ne 0) { exit $LASTEXITCODE }
}

# The module folder as a .nupkg (PSResourceGet's Compress-PSResource, which needs no repository and no network).
function Invoke-Package {
    Invoke-Build
    $packageOut = Join-Path $out 'package'
    if (Test-Path $packageOut) { Remove-Item $packageOut -Recurse -Force }
    $null = New-Item -ItemType Directory -Path $packageOut
    Write-Step "package $packageOut"
    & dotnet pwsh -NoLogo -NoProfile -Command {
        param($ModuleFolder, $Destination)
        $ErrorActionPreference = 'Stop'
        Import-Module Microsoft.PowerShell.PSResourceGet
        Compress-PSResource -Path $ModuleFolder -DestinationPath $Destination
    } -args $moduleOut, $packageOut
    if ($LASTEXITCODE -ne 0) { throw 'Compress-PSResource failed' }
    $nupkg = Get-ChildItem $packageOut -Filter 'K8sPS.*.nupkg' | Select-Object -First 1
    if (-not $nupkg) { throw "no K8sPS .nupkg in $packageOut" }
    Write-Host "package: $($nupkg.FullName) ($([math]::Round($nupkg.Length / 1MB, 1)) MB)"
    Write-Host "install: Register-PSResourceRepository -Name k8sps-local -Uri '$packageOut' -Trusted; Install-PSResource K8sPS -Repository k8sps-local"
}

switch ($Task) {
    'Bootstrap' { Invoke-Bootstrap }
    'Build' { Invoke-Build }
    'Test' { Invoke-Test }
    'Demo' { Invoke-Demo }
    'Cluster' { Invoke-Cluster }
    'Bench' { Invoke-Bench }
    'Package' { Invoke-Package }
}
