<#
    Shared helpers of the K8sPS Pester scenarios. Importing this module is the safety catch of every
    end-to-end test: it refuses to go on unless KUBECONFIG is exactly the test cluster's kubeconfig
    (K8SPS_TEST_KUBECONFIG) and that file's current context is K8SPS_TEST_CONTEXT, so running the tests
    can never touch a user's real cluster. build.ps1 -Task Test sets all of these.
#>
Set-StrictMode -Version Latest

function Assert-K8sTestEnvironment {
    [CmdletBinding()]
    param()
    foreach ($name in 'K8SPS_TEST_KUBECONFIG', 'K8SPS_TEST_CONTEXT', 'K8SPS_TEST_MODULE') {
        if (-not [Environment]::GetEnvironmentVariable($name)) {
            throw "Refusing to run: $name is not set. Run the scenarios through './build.sh -Task Test', which starts a test cluster and sets it."
        }
    }
    $testConfig = [IO.Path]::GetFullPath($env:K8SPS_TEST_KUBECONFIG)
    if (-not (Test-Path -LiteralPath $testConfig -PathType Leaf)) { throw "Refusing to run: the test kubeconfig '$testConfig' does not exist." }
    # A list in KUBECONFIG could merge in a user's files: only the one test file is accepted.
    if (-not $env:KUBECONFIG -or [IO.Path]::GetFullPath($env:KUBECONFIG) -ne $testConfig) {
        throw "Refusing to run: KUBECONFIG is '$env:KUBECONFIG', not the test kubeconfig '$testConfig'."
    }
    $current = & kubectl config current-context --kubeconfig $testConfig 2>$null
    if ($LASTEXITCODE -ne 0 -or $current -ne $env:K8SPS_TEST_CONTEXT) {
        throw "Refusing to run: the current context of '$testConfig' is '$current', not the test context '$env:K8SPS_TEST_CONTEXT'."
    }
}

function Import-K8sTestModule {
    [CmdletBinding()]
    param()
    Assert-K8sTestEnvironment
    Import-Module $env:K8SPS_TEST_MODULE -Force -Global -ErrorAction Stop
}

# kubectl pinned to the test cluster, whatever the environment says. A simple function on purpose, so
# kubectl's own flags (-n, -o, -l) pass through untouched; -Json parses the output, -AllowFailure keeps
# going when kubectl fails (its message is returned).
function Invoke-TestKubectl {
    $json = $false; $allowFailure = $false
    $rest = foreach ($a in $args) {
        if ($a -eq '-Json') { $json = $true } elseif ($a -eq '-AllowFailure') { $allowFailure = $true } else { "$a" }
    }
    $all = @('--kubeconfig', $env:K8SPS_TEST_KUBECONFIG, '--context', $env:K8SPS_TEST_CONTEXT) + @($rest)
    if ($json) { $all += @('-o', 'json') }
    # kubectl's discovery warnings about an aggregated API that is not available (an APIService a scenario applies)
    # are about the cluster, not this command: left out, so they do not end up in parsed output.
    $output = & kubectl @all 2>&1 | Where-Object { -not ($_ -is [Management.Automation.ErrorRecord] -and "$_" -match "memcache\.go.*couldn't get resource list") }
    if ($LASTEXITCODE -ne 0 -and -not $allowFailure) { throw "kubectl $($rest -join ' ') failed: $output" }
    if ($json -and $LASTEXITCODE -eq 0) { return ($output -join "`n") | ConvertFrom-Json -AsHashtable }
    $output
}

function New-TestNamespace {
    [CmdletBinding()]
    param([Parameter(Mandatory)] [string] $Prefix)
    $name = '{0}-{1}' -f $Prefix, ([guid]::NewGuid().ToString('N').Substring(0, 6))
    $null = Invoke-TestKubectl create namespace $name
    $name
}

function Remove-TestNamespace {
    [CmdletBinding()]
    param([string] $Name)
    if ($Name) { $null = Invoke-TestKubectl delete namespace $Name --wait=false --ignore-not-found }
}

# Polls until $Condition returns something truthy; the last value is returned. Failure names -Because and,
# with -LastSeen, what that scriptblock says of the last state (so a timeout in CI tells why).
# A condition that throws has not held yet: the cluster passes through states a reading may trip on (a pod
# scheduled but not yet given its Ready condition, an APIService with a status but no conditions), and one
# such moment must not end the wait. The last error is in the timeout's message. A failed Should inside the
# condition is a verdict, not a passing state, and fails the wait at once.
function Wait-TestCondition {
    [CmdletBinding()]
    param(
        [Parameter(Mandatory)] [scriptblock] $Condition,
        [Parameter(Mandatory)] [string] $Because,
        [int] $TimeoutSeconds = 120,
        [double] $IntervalSeconds = 1,
        [scriptblock] $LastSeen
    )
    $deadline = [DateTime]::UtcNow.AddSeconds($TimeoutSeconds)
    $lastError = $null
    do {
        try {
            $value = & $Condition
            if ($value) { return $value }
        }
        catch {
            if ($_.FullyQualifiedErrorId -eq 'PesterAssertionFailed') { throw }
            $lastError = $_
        }
        Start-Sleep -Seconds $IntervalSeconds
    } while ([DateTime]::UtcNow -lt $deadline)
    $seen = if ($LastSeen) { "; last seen: $(& $LastSeen)" } else { '' }
    $failed = if ($lastError) { "; the condition last failed with: $($lastError.Exception.Message) ($($lastError.InvocationInfo.PositionMessage -replace '\s+', ' '))" } else { '' }
    throw "Timed out after $TimeoutSeconds s waiting for: $Because$seen$failed"
}

<#
    A server object reduced to what two equal creations share: without uid, timestamps, resourceVersion,
    managedFields, generation, status, the namespace, and what the server allocates (cluster IPs, node
    ports). Returned as sorted JSON, so two objects compare with -Be.
#>
function ConvertTo-ComparableJson {
    [CmdletBinding()]
    param([Parameter(Mandatory, ValueFromPipeline)] [hashtable] $Object)
    process {
        $o = $Object
        $o.Remove('status')
        $m = $o['metadata']
        foreach ($k in 'uid', 'creationTimestamp', 'resourceVersion', 'managedFields', 'generation', 'namespace', 'selfLink') { $m.Remove($k) }
        if ($o['spec'] -and $o['kind'] -eq 'Service') {
            foreach ($k in 'clusterIP', 'clusterIPs') { $o['spec'].Remove($k) }
            foreach ($p in @($o['spec']['ports'])) { if ($p) { $p.Remove('nodePort') } }
        }
        Sort-Json $o | ConvertTo-Json -Depth 50 -Compress
    }
}

function Sort-Json($value) {
    if ($value -is [System.Collections.IDictionary]) {
        $sorted = [ordered]@{}
        foreach ($key in ($value.Keys | Sort-Object)) { $sorted[$key] = Sort-Json $value[$key] }
        return $sorted
    }
    if ($value -is [System.Collections.IList]) { return , @($value | ForEach-Object { Sort-Json $_ }) }
    $value
}

# A fresh pwsh like this one, run with the arguments given: under the dotnet tool that is `dotnet pwsh.dll`, else the
# pwsh executable. Piped input goes to the child's stdin (a script's prompts read their answers there).
function Invoke-TestPwsh {
    $host_ = [Environment]::ProcessPath
    $first = @(if ([IO.Path]::GetFileNameWithoutExtension($host_) -eq 'dotnet') { Join-Path $PSHOME 'pwsh.dll' })
    $input | & $host_ @first @args
}

Export-ModuleMember -Function Assert-K8sTestEnvironment, Import-K8sTestModule, Invoke-TestKubectl, New-TestNamespace,
    Remove-TestNamespace, Wait-TestCondition, ConvertTo-ComparableJson, Invoke-TestPwsh
