<#
    K8sPS for Pester: assertions that read like the checks they mean (Should -BeK8sReady, -HaveK8sReplicas,
    -BeK8sRunningOn, -HaveK8sCondition, -HaveK8sEndpoints), registered when Pester is loaded, and fixtures for
    tests of runbooks: a throwaway namespace, and a local cluster for one test file. Thin on purpose: what is
    ready and why not comes from Get-K8sReadiness (the Engine's ReadinessAssessor).
#>
Set-StrictMode -Version Latest

# Polls $Check (which returns readiness reports) until $Met says yes or -Within runs out; returns the last reports.
function Wait-K8sReports([scriptblock] $Check, [scriptblock] $Met, $Within) {
    $seconds = if ($null -eq $Within) { 0 } elseif ($Within -is [timespan]) { $Within.TotalSeconds } else { [double]$Within }
    $deadline = [DateTime]::UtcNow.AddSeconds($seconds)
    while ($true) {
        $reports = @(& $Check)
        if ((& $Met $reports) -or [DateTime]::UtcNow -ge $deadline) { return , $reports }
        Start-Sleep -Milliseconds 500
    }
}

function Get-K8sReports($ActualValue) {
    if ($null -eq $ActualValue) { throw 'Nothing was given to check: pipe a K8sPS object (Get-K8sDeployment web | Should ...).' }
    @($ActualValue | Get-K8sReadiness -ErrorAction Stop)
}

function New-K8sAssertionResult([bool] $Succeeded, [string] $Message) {
    [pscustomobject]@{ Succeeded = $Succeeded; FailureMessage = $(if ($Succeeded) { $null } else { $Message }) }
}

function Format-Because([string] $Because) { if ($Because) { " because $($Because.Trim())," } else { '' } }

function Should-BeK8sReady($ActualValue, [switch] $Negate, [string] $Because, $Within) {
    <#
    .SYNOPSIS
        The object is ready (a Deployment's replicas updated, ready and available; a pod Ready; a node Ready...).
        -Within N waits up to N seconds (or a TimeSpan). The failure says what the cluster shows: counts,
        conditions with reasons, the last warning events.
    .EXAMPLE
        Get-K8sDeployment web | Should -BeK8sReady -Within 60
    #>
    $reports = Wait-K8sReports { Get-K8sReports $ActualValue } { param($r) (@($r | Where-Object { -not $_.Ready }).Count -eq 0) -ne [bool]$Negate } $Within
    $bad = @($reports | Where-Object { $_.Ready -eq [bool]$Negate })
    if ($bad.Count -eq 0) { return New-K8sAssertionResult $true $null }
    $wait = if ($Within) { " within $Within s" } else { '' }
    $expected = if ($Negate) { 'not to be ready' } else { 'to be ready' }
    New-K8sAssertionResult $false ("Expected $($bad[0].Display) $expected$wait,$(Format-Because $Because) but " + (($bad | ForEach-Object { $_.Explain() }) -join ' '))
}

function Should-HaveK8sReplicas($ActualValue, $ExpectedValue, [switch] $Negate, [string] $Because, $Within) {
    <#
    .SYNOPSIS
        The workload wants and has that many ready replicas. -Within N waits up to N seconds.
    .EXAMPLE
        Get-K8sDeployment web | Should -HaveK8sReplicas 3 -Within 60
    #>
    $want = [int]$ExpectedValue
    $has = { param($r) $r.Replicas -eq $want -and $r.ReadyReplicas -eq $want }
    $reports = Wait-K8sReports { Get-K8sReports $ActualValue } { param($r) (@($r | Where-Object { -not (& $has $_) }).Count -eq 0) -ne [bool]$Negate } $Within
    $bad = @($reports | Where-Object { (& $has $_) -eq [bool]$Negate })
    if ($bad.Count -eq 0) { return New-K8sAssertionResult $true $null }
    $r = $bad[0]
    $expected = if ($Negate) { "not to have $want ready replicas" } else { "to have $want ready replicas" }
    $now = if ($null -eq $r.Replicas) { 'it has no replicas (not a workload)' } else { "it has $($r.ReadyReplicas) ready of $($r.Replicas) wanted" }
    New-K8sAssertionResult $false "Expected $($r.Display) $expected,$(Format-Because $Because) but $now. $($r.Explain())"
}

function Should-BeK8sRunningOn($ActualValue, $ExpectedValue, [switch] $Negate, [string] $Because, $Within) {
    <#
    .SYNOPSIS
        Every pod given is Running on that node. -Within N waits up to N seconds.
    .EXAMPLE
        Get-K8sPod -Selector app=web | Should -BeK8sRunningOn k8sps-m02
    #>
    $node = [string]$ExpectedValue
    $on = { param($r) $r.Kind -eq 'Pod' -and $r.NodeName -eq $node -and $r.Summary -like 'Running*' }
    $reports = Wait-K8sReports { Get-K8sReports $ActualValue } { param($r) $r.Count -gt 0 -and (@($r | Where-Object { -not (& $on $_) }).Count -eq 0) -ne [bool]$Negate } $Within
    $bad = @($reports | Where-Object { (& $on $_) -eq [bool]$Negate })
    if ($reports.Count -gt 0 -and $bad.Count -eq 0) { return New-K8sAssertionResult $true $null }
    $expected = if ($Negate) { 'not to be running on' } else { 'to be running on' }
    $what = if ($reports.Count -eq 0) { 'no pod was given' } else { ($bad | ForEach-Object { "$($_.Name) is $($_.Summary)" }) -join '; ' }
    New-K8sAssertionResult $false "Expected the pods $expected node $node,$(Format-Because $Because) but $what."
}

function Should-HaveK8sCondition($ActualValue, $ExpectedValue, [switch] $Negate, [string] $Because, $Status = 'True', $Within) {
    <#
    .SYNOPSIS
        The object has that condition with that status (default True). -Within N waits up to N seconds.
    .EXAMPLE
        Get-K8sPod web-0 | Should -HaveK8sCondition Ready
        Get-K8sDeployment web | Should -HaveK8sCondition Progressing -Status True
    #>
    $type = [string]$ExpectedValue
    $has = { param($r) @($r.AllConditions | Where-Object { $_ -eq "$type=$Status" -or $_.StartsWith("$type=$Status ") -or $_.StartsWith("$type=${Status}:") }).Count -gt 0 }
    $reports = Wait-K8sReports { Get-K8sReports $ActualValue } { param($r) (@($r | Where-Object { -not (& $has $_) }).Count -eq 0) -ne [bool]$Negate } $Within
    $bad = @($reports | Where-Object { (& $has $_) -eq [bool]$Negate })
    if ($bad.Count -eq 0) { return New-K8sAssertionResult $true $null }
    $r = $bad[0]
    $shows = if (@($r.AllConditions).Count -gt 0) { "its conditions are: $($r.AllConditions -join '; ')" } else { 'it has no conditions' }
    $expected = if ($Negate) { 'not to have' } else { 'to have' }
    New-K8sAssertionResult $false "Expected $($r.Display) $expected condition $type=$Status,$(Format-Because $Because) but $shows."
}

function Should-HaveK8sEndpoints($ActualValue, $ExpectedValue, [switch] $Negate, [string] $Because, $Within) {
    <#
    .SYNOPSIS
        The Service has ready endpoints (with a number: exactly that many). -Within N waits up to N seconds.
    .EXAMPLE
        Get-K8sService web | Should -HaveK8sEndpoints 3 -Within 30
    #>
    $has = { param($r) if ($null -ne $ExpectedValue) { $r.ReadyReplicas -eq [int]$ExpectedValue } else { $r.ReadyReplicas -gt 0 } }
    $reports = Wait-K8sReports { Get-K8sReports $ActualValue } { param($r) (@($r | Where-Object { -not (& $has $_) }).Count -eq 0) -ne [bool]$Negate } $Within
    $bad = @($reports | Where-Object { (& $has $_) -eq [bool]$Negate })
    if ($bad.Count -eq 0) { return New-K8sAssertionResult $true $null }
    $r = $bad[0]
    $count = if ($null -ne $ExpectedValue) { "$ExpectedValue ready endpoint(s)" } else { 'ready endpoints' }
    $expected = if ($Negate) { "not to have $count" } else { "to have $count" }
    New-K8sAssertionResult $false "Expected $($r.Display) $expected,$(Format-Because $Because) but it has $($r.Summary). $(($r.Events | ForEach-Object { $_ }) -join '; ')".TrimEnd(' ', '.') + '.'
}

function Register-K8sShouldOperator {
    <#
    .SYNOPSIS
        Registers K8sPS's Pester assertions (Should -BeK8sReady, -HaveK8sReplicas, -BeK8sRunningOn, -HaveK8sCondition,
        -HaveK8sEndpoints). Importing K8sPS does it when Pester is loaded already; call it after importing Pester later.
    .DESCRIPTION
        Each assertion reads the objects given fresh from the server (Get-K8sReadiness), takes -Within N to wait up to
        N seconds, and when it fails says what the cluster shows instead: replicas, conditions with reasons, the last
        warning events. -Not reverses each.

        Should -BeK8sReady [-Within N]; Should -HaveK8sReplicas N; Should -BeK8sRunningOn NODE;
        Should -HaveK8sCondition TYPE [-Status False]; Should -HaveK8sEndpoints [N].
    .EXAMPLE
        Register-K8sShouldOperator; Get-K8sDeployment web | Should -BeK8sReady -Within 60

        In a session where Pester is loaded: registers the assertions (again; it is harmless) and waits up to a
        minute for the deployment web to be ready. Needs: deployment/web.
    .EXAMPLE
        Import-Module Pester; Import-Module K8sPS; Register-K8sShouldOperator

        Pester imported after K8sPS: the assertions are registered by hand.
    #>
    [CmdletBinding()]
    param()
    if (-not (Get-Command Add-ShouldOperator -ErrorAction SilentlyContinue)) {
        throw 'Pester is not loaded: Import-Module Pester first (K8sPS''s assertions are Pester operators).'
    }
    foreach ($name in 'BeK8sReady', 'HaveK8sReplicas', 'BeK8sRunningOn', 'HaveK8sCondition', 'HaveK8sEndpoints') {
        Add-ShouldOperator -Name $name -Test (Get-Item "function:Should-$name").ScriptBlock -InternalName "Should-$name" -SupportsArrayInput
    }
}

function New-K8sTestNamespace {
    <#
    .SYNOPSIS
        Creates a throwaway namespace for a test file: <prefix>-<6 random characters>, labelled k8sps.io/throwaway=true.
        Call it in BeforeAll and Remove-K8sTestNamespace in AfterAll, which Pester runs even when tests fail.
    .DESCRIPTION
        The namespace is created on the current context's cluster (or -Context's), and the command returns only
        when the namespace's default service account exists, so pods can be created in it at once. Its name is
        written to the pipeline. -WhatIf says what would be created and creates nothing.
    .EXAMPLE
        $ns = New-K8sTestNamespace -Prefix shop; New-K8sDeployment web -Image nginx -Namespace $ns; Remove-K8sTestNamespace $ns

        A namespace for one check, removed after it. In a Pester file: BeforeAll { $ns = New-K8sTestNamespace -Prefix shop }
        and AfterAll { Remove-K8sTestNamespace $ns }.
    #>
    [CmdletBinding(SupportsShouldProcess)]
    [OutputType([string])]
    param(
        # The start of the namespace's name.
        [ValidatePattern('^[a-z0-9]([-a-z0-9]{0,40}[a-z0-9])?$')]
        [string] $Prefix = 'test',
        # The kubeconfig context; default: the current one.
        [string] $Context
    )
    $name = '{0}-{1}' -f $Prefix, [guid]::NewGuid().ToString('N').Substring(0, 6)
    if (-not $PSCmdlet.ShouldProcess("namespace $name", 'Create')) { return }
    $extra = @{}; if ($Context) { $extra.Context = $Context }
    $null = Set-K8sResource @extra -ErrorAction Stop -InputObject @{
        apiVersion = 'v1'; kind = 'Namespace'
        metadata   = @{ name = $name; labels = @{ 'k8sps.io/throwaway' = 'true' } }
    }
    # Pods are refused until the namespace's default service account exists.
    $deadline = [DateTime]::UtcNow.AddSeconds(30)
    while (-not (Get-K8sResource @extra serviceaccount default -Namespace $name -ErrorAction SilentlyContinue) -and [DateTime]::UtcNow -lt $deadline) { Start-Sleep -Milliseconds 200 }
    $name
}

function Remove-K8sTestNamespace {
    <#
    .SYNOPSIS
        Removes a namespace New-K8sTestNamespace made, with everything in it. Only namespaces labelled
        k8sps.io/throwaway=true are removed, so a typo cannot delete a real one.
    .DESCRIPTION
        Deletes the namespace (and so everything in it) with Remove-K8sResource; -Wait returns only when it is gone.
        An empty name does nothing, so AfterAll can call it even when BeforeAll failed before the namespace existed.
        A namespace without the label is refused with the error NotThrowaway and left as it is.
    .EXAMPLE
        New-K8sTestNamespace -Prefix report | Remove-K8sTestNamespace -Wait

        In a Pester file: AfterAll { Remove-K8sTestNamespace $ns -Wait }.
    #>
    [CmdletBinding(SupportsShouldProcess)]
    param(
        # The namespace to remove.
        [Parameter(Mandatory, Position = 0, ValueFromPipeline)]
        [AllowEmptyString()]
        [string] $Name,
        # Wait until it is gone.
        [switch] $Wait,
        # The kubeconfig context; default: the current one.
        [string] $Context
    )
    process {
        if (-not $Name) { return }
        $extra = @{}; if ($Context) { $extra.Context = $Context }
        $ns = Get-K8sResource @extra namespace $Name -ErrorAction SilentlyContinue
        if (-not $ns) { return }
        if ($ns.Metadata.Labels -and $ns.Metadata.Labels['k8sps.io/throwaway'] -eq 'true') {
            if ($PSCmdlet.ShouldProcess("namespace $Name", 'Delete')) { Remove-K8sResource @extra namespace $Name -Wait:$Wait -Confirm:$false }
        } else {
            Write-Error -Message "Namespace '$Name' was not made by New-K8sTestNamespace (no k8sps.io/throwaway=true label): not removed." -ErrorId 'NotThrowaway' -Category InvalidOperation -TargetObject $Name
        }
    }
}

function New-K8sTestCluster {
    <#
    .SYNOPSIS
        Starts a local cluster for one test file (a name of its own, a kubeconfig of its own in the temp folder) and
        points KUBECONFIG at it; Remove-K8sTestCluster stops and removes it and puts KUBECONFIG back.
    .DESCRIPTION
        For a user's CI: one test file gets a cluster nobody else uses (Start-K8sLocalCluster, which waits until
        it is usable). Returns an object with Name, Context, KubeconfigPath and the KUBECONFIG it replaced, which
        Remove-K8sTestCluster takes.
    .EXAMPLE
        $cluster = New-K8sTestCluster -NodeCount 3; Get-K8sNode; Remove-K8sTestCluster $cluster

        A cluster of three simulated nodes for one check. In a Pester file: BeforeAll { $cluster = New-K8sTestCluster }
        and AfterAll { Remove-K8sTestCluster $cluster }.
    #>
    [CmdletBinding(SupportsShouldProcess)]
    param(
        # The cluster's name; default: k8sps-test-<6 random characters>.
        [string] $Name = ('k8sps-test-' + [guid]::NewGuid().ToString('N').Substring(0, 6)),
        # How many simulated nodes.
        [ValidateRange(1, 100)]
        [int] $NodeCount = 1
    )
    $kubeconfig = Join-Path ([IO.Path]::GetTempPath()) "$Name.kubeconfig"
    if (-not $PSCmdlet.ShouldProcess("local cluster $Name", 'Start')) { return }
    $info = Start-K8sLocalCluster -Name $Name -NodeCount $NodeCount -KubeconfigPath $kubeconfig -ErrorAction Stop
    $cluster = [pscustomobject]@{
        PSTypeName         = 'K8sPS.TestCluster'
        Name               = $Name
        Context            = $info.Context
        KubeconfigPath     = $kubeconfig
        PreviousKubeconfig = $env:KUBECONFIG
    }
    $env:KUBECONFIG = $kubeconfig
    $cluster
}

function Remove-K8sTestCluster {
    <#
    .SYNOPSIS
        Stops and removes a cluster New-K8sTestCluster started, deletes its kubeconfig, and puts KUBECONFIG back.
    .DESCRIPTION
        Takes what New-K8sTestCluster returned (or $null, so AfterAll can call it when BeforeAll failed). The
        cluster's folder, processes and kubeconfig entry are removed.
    .EXAMPLE
        New-K8sTestCluster | Remove-K8sTestCluster

        In a Pester file: AfterAll { Remove-K8sTestCluster $cluster }.
    #>
    [CmdletBinding(SupportsShouldProcess)]
    param(
        # What New-K8sTestCluster returned.
        [Parameter(Mandatory, Position = 0, ValueFromPipeline)]
        [AllowNull()]
        [psobject] $Cluster
    )
    process {
        if (-not $Cluster) { return }
        if (-not $PSCmdlet.ShouldProcess("local cluster $($Cluster.Name)", 'Stop and remove')) { return }
        Stop-K8sLocalCluster -Name $Cluster.Name -Remove -ErrorAction Continue | Out-Null
        Remove-Item -LiteralPath $Cluster.KubeconfigPath -ErrorAction SilentlyContinue
        if ($env:KUBECONFIG -eq $Cluster.KubeconfigPath) { $env:KUBECONFIG = $Cluster.PreviousKubeconfig }
    }
}

# Inside Invoke-Pester, Pester is loaded before the test file imports K8sPS: register the assertions now.
if (Get-Command Add-ShouldOperator -ErrorAction SilentlyContinue) { Register-K8sShouldOperator }

# The Should-* functions are Pester's to call (through Add-ShouldOperator), not commands of their own.
Export-ModuleMember -Function Register-K8sShouldOperator, New-K8sTestNamespace, Remove-K8sTestNamespace, New-K8sTestCluster, Remove-K8sTestCluster
