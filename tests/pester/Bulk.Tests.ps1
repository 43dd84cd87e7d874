<#
    Bulk work through the pipeline (issue 12): 1,000 ConfigMaps where every tenth is invalid, piped to New-K8sConfigMap
    and applied from one file; output in input order; -WhatIf sends nothing; -ErrorAction Stop; -Watch beside
    kubectl get -w --output-watch-events; Select-Object -First 5 reads one page (the -Debug request log says so).
    Counts are taken on the server with kubectl. No timing is asserted.
#>
BeforeDiscovery {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Assert-K8sTestEnvironment
}

Describe 'Bulk pipeline input' {
    BeforeAll {
        Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
        Import-K8sTestModule
        $script:ns = New-TestNamespace -Prefix 'bulk'
        # Every tenth name is invalid (upper case and an underscore): refused before anything is sent.
        $script:names = 1..1000 | ForEach-Object { if ($_ % 10 -eq 0) { "Bad_$_" } else { 'cm-{0:d4}' -f $_ } }
        function script:Get-ServerNames([string] $Namespace) {
            @(Invoke-TestKubectl -n $Namespace get configmaps -o name) | Where-Object { $_ -ne 'configmap/kube-root-ca.crt' } | ForEach-Object { $_ -replace '^configmap/', '' }
        }
    }
    AfterAll { Remove-TestNamespace $ns }

    It 'creates 900 of 1,000 piped ConfigMaps, one ErrorRecord naming each invalid one, nothing else, output in input order' {
        $errors = $null; $warnings = $null
        $out = $names | ForEach-Object { [pscustomobject]@{ Name = $_; Namespace = $ns } } |
            New-K8sConfigMap -FromLiteral @{ key = 'value' } -ErrorVariable errors -ErrorAction SilentlyContinue -WarningVariable warnings
        $valid = @($names | Where-Object { $_ -notlike 'Bad_*' })
        $invalid = @($names | Where-Object { $_ -like 'Bad_*' })
        @($out).Count | Should -Be 900
        # Written in input order, though 16 are in flight at once.
        @($out | ForEach-Object { $_.Metadata.Name }) | Should -Be $valid
        @(Get-ServerNames $ns | Sort-Object) | Should -Be @($valid | Sort-Object)
        @($errors).Count | Should -Be 100
        @($errors | ForEach-Object { $_.TargetObject }) | Should -Be $invalid
        foreach ($e in $errors) { $e.Exception.Message | Should -Match ([regex]::Escape("`"$($e.TargetObject)`"")) }
        @($warnings).Count | Should -Be 0
    }

    It 'applies 1,000 documents of one file where every tenth is invalid: 900 applied, 100 errors naming object and line' {
        $file = Join-Path $TestDrive 'bulk.yaml'
        $line = 1
        $lines = @{}
        $text = foreach ($i in 1..1000) {
            $name = if ($i % 10 -eq 0) { "Bad_f$i" } else { 'file-{0:d4}' -f $i }
            $lines[$name] = $line
            "apiVersion: v1`nkind: ConfigMap`nmetadata:`n  name: $name`n  namespace: $ns`ndata:`n  k: v`n---"
            $line += 8
        }
        Set-Content -Path $file -Value ($text -join "`n")
        $errors = $null
        $out = Set-K8sResource -Path $file -ErrorVariable errors -ErrorAction SilentlyContinue
        @($out).Count | Should -Be 900
        @($out | ForEach-Object { $_.Name }) | Should -Be @($lines.Keys | Where-Object { $_ -like 'file-*' } | Sort-Object)
        @($errors).Count | Should -Be 100
        foreach ($e in $errors) {
            $text = "$($e.Exception.Message) $($e.TargetObject)"
            $bad = [regex]::Match($text, 'Bad_f\d+').Value
            $bad | Should -Not -BeNullOrEmpty -Because "the error names its object: $text"
            $text | Should -Match ("bulk\.yaml:" + $lines[$bad] + '\b') -Because "the error gives the document's line: $text"
        }
        @(Get-ServerNames $ns | Where-Object { $_ -like 'file-*' }).Count | Should -Be 900
    }

    It '-WhatIf asks for every item in input order and sends no change' {
        $log = Join-Path $TestDrive 'whatif.log'
        $before = @(Get-ServerNames $ns).Count
        $items = 1..40 | ForEach-Object { [pscustomobject]@{ Name = "whatif-$_"; Namespace = $ns } }
        $items | New-K8sConfigMap -FromLiteral @{ k = 'v' } -WhatIf -Debug 5> $log
        @(Get-ServerNames $ns).Count | Should -Be $before
        @(Get-Content $log | Where-Object { $_ -match '^(POST|PUT|PATCH|DELETE) ' }) | Should -BeNullOrEmpty
    }

    It 'the ShouldProcess preferences hold for piped items: $WhatIfPreference, $ConfirmPreference at the impact, -Confirm:$false, -Verbose' {
        # A yes known in advance is not asked on the pipeline thread: whatever changes that answer must still ask.
        # A child pwsh answers its prompts from stdin: yes and no in turn.
        $script = Join-Path $TestDrive 'preferences.ps1'
        Set-Content -LiteralPath $script -Value @'
param($Module, $Namespace)
Import-Module $Module
function Get-Items([string] $Prefix, [int] $Count) { 1..$Count | ForEach-Object { [pscustomobject]@{ Name = "$Prefix-$_"; Namespace = $Namespace } } }
& { $WhatIfPreference = $true; Get-Items pref-whatif 5 | New-K8sConfigMap -FromLiteral @{ k = 'v' } | Out-Null }
# New-K8sConfigMap's ConfirmImpact is Low: a $ConfirmPreference of Low asks for each item, -Confirm:$false for none.
& { $ConfirmPreference = 'Low'; Get-Items pref-asked 6 | New-K8sConfigMap -FromLiteral @{ k = 'v' } | Out-Null }
& { $ConfirmPreference = 'Low'; Get-Items pref-unasked 4 | New-K8sConfigMap -FromLiteral @{ k = 'v' } -Confirm:$false | Out-Null }
'@
        $shown = @('y', 'n') * 3 | Invoke-TestPwsh -NoProfile -File $script $env:K8SPS_TEST_MODULE $ns 2>&1
        $text = $shown -join ' '
        # The host wraps its lines at its width: the text is read as one.
        [regex]::Matches($text, 'What\s+if:\s+Performing\s+the\s+operation').Count | Should -Be 5 -Because $text
        [regex]::Matches($text, 'Are\s+you\s+sure\s+you\s+want\s+to\s+perform\s+this\s+action\?').Count | Should -Be 6 -Because $text
        @(Get-ServerNames $ns | Where-Object { $_ -like 'pref-*' } | Sort-Object) |
            Should -Be @('pref-asked-1', 'pref-asked-3', 'pref-asked-5', 'pref-unasked-1', 'pref-unasked-2', 'pref-unasked-3', 'pref-unasked-4')

        $verbose = @(1..3 | ForEach-Object { [pscustomobject]@{ Name = "pref-verbose-$_"; Namespace = $ns } } | New-K8sConfigMap -FromLiteral @{ k = 'v' } -Verbose 4>&1 | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] })
        @($verbose | Where-Object { "$_" -match '^Performing the operation "Create \(k\)" on target "configmap/pref-verbose-\d in namespace ' }) | Should -HaveCount 3
    }

    It '-ErrorAction Stop sends nothing more after the first failure and names what was already sent' {
        $stopNs = New-TestNamespace -Prefix 'bulk-stop'
        try {
            $null = Invoke-TestKubectl -n $stopNs create configmap stop-0005 --from-literal=k=v
            $items = 1..300 | ForEach-Object { [pscustomobject]@{ Name = 'stop-{0:d4}' -f $_; Namespace = $stopNs } }
            $out = [System.Collections.Generic.List[object]]::new()
            $warnings = $null
            $caught = $null
            try { $items | New-K8sConfigMap -FromLiteral @{ k = 'v' } -ErrorAction Stop -WarningVariable warnings | ForEach-Object { $out.Add($_) } }
            catch { $caught = $_ }
            $caught | Should -Not -BeNullOrEmpty
            $caught.FullyQualifiedErrorId | Should -BeLike 'AlreadyExists*'
            $caught.Exception.Message | Should -Match 'stop-0005'
            # Output stops at the failure, in order.
            @($out | ForEach-Object { $_.Metadata.Name }) | Should -Be @('stop-0001', 'stop-0002', 'stop-0003', 'stop-0004')
            $created = @(Get-ServerNames $stopNs | Where-Object { $_ -ne 'stop-0005' })
            # Nothing was started after the failure was seen: far fewer than all.
            $created.Count | Should -BeLessThan 100
            # Every object created beyond the output is named by the warning.
            $warning = ($warnings | Out-String)
            foreach ($name in $created | Where-Object { $_ -notin @('stop-0001', 'stop-0002', 'stop-0003', 'stop-0004') }) {
                $warning | Should -Match ([regex]::Escape("configmap/$name ")) -Because "$name was sent before the stop and must be reported"
            }
        } finally { Remove-TestNamespace $stopNs }
    }

    It 'Set-K8sResource -Path under -ErrorAction Stop sends nothing after the first failure and names what was sent' {
        $stopNs = New-TestNamespace -Prefix 'bulk-applystop'
        try {
            # Document 5 goes to a namespace that does not exist: the server refuses it; the others are fine.
            $file = Join-Path $TestDrive 'stop.yaml'
            (1..300 | ForEach-Object {
                $target = if ($_ -eq 5) { 'no-such-namespace' } else { $stopNs }
                "apiVersion: v1`nkind: ConfigMap`nmetadata:`n  name: {0}`n  namespace: {1}`ndata:`n  k: v" -f ('stop-{0:d4}' -f $_), $target
            }) -join "`n---`n" | Set-Content -LiteralPath $file
            $out = [System.Collections.Generic.List[object]]::new()
            $warnings = $null
            $caught = $null
            try { Set-K8sResource -Path $file -ErrorAction Stop -WarningVariable warnings | ForEach-Object { $out.Add($_) } }
            catch { $caught = $_ }
            $caught.FullyQualifiedErrorId | Should -BeLike 'NotFound*'
            $caught.Exception.Message | Should -Match 'stop\.yaml:33: ConfigMap/stop-0005'
            @($out | ForEach-Object Name) | Should -Be @('stop-0001', 'stop-0002', 'stop-0003', 'stop-0004')
            $applied = @(Get-ServerNames $stopNs)
            $applied.Count | Should -BeLessThan 100 -Because 'nothing is sent once the failure is known'
            $warning = ($warnings | Out-String)
            foreach ($name in $applied | Where-Object { $_ -notin @('stop-0001', 'stop-0002', 'stop-0003', 'stop-0004') }) {
                $warning | Should -Match ([regex]::Escape("ConfigMap/$name (created)")) -Because "$name was sent before the stop and must be reported"
            }

            # A document the linter refuses fails before anything is sent: then nothing at all is applied.
            (Get-Content -Raw -LiteralPath $file) -replace 'no-such-namespace', $stopNs -replace 'name: stop-0007', "name: stop-0007`n  colour: red" | Set-Content -LiteralPath $file
            $null = Invoke-TestKubectl -n $stopNs delete configmaps --all --wait=false
            { Set-K8sResource -Path $file -ErrorAction Stop -WarningAction SilentlyContinue } | Should -Throw -ErrorId 'ManifestInvalid*'
            @(Get-ServerNames $stopNs) | Should -BeNullOrEmpty
        } finally { Remove-TestNamespace $stopNs }
    }

    It 'Remove-K8sResource -Path under -ErrorAction Stop starts nothing after the first failure and names what was deleted' {
        $stopNs = New-TestNamespace -Prefix 'bulk-removestop'
        try {
            $file = Join-Path $TestDrive 'remove-stop.yaml'
            (1..300 | ForEach-Object { "apiVersion: v1`nkind: ConfigMap`nmetadata:`n  name: {0}`n  namespace: {1}`ndata:`n  k: v" -f ('stop-{0:d4}' -f $_), $stopNs }) -join "`n---`n" |
                Set-Content -LiteralPath $file
            $null = Invoke-TestKubectl apply --server-side -f $file
            $null = Invoke-TestKubectl -n $stopNs delete configmap stop-0005
            $warnings = $null
            $caught = $null
            try { Remove-K8sResource -Path $file -ErrorAction Stop -WarningVariable warnings } catch { $caught = $_ }
            $caught.FullyQualifiedErrorId | Should -BeLike 'NotFound*'
            $caught.Exception.Message | Should -Match 'stop-0005'
            $left = @(Get-ServerNames $stopNs)
            $left.Count | Should -BeGreaterThan 200 -Because 'nothing is started once the failure is known'
            @($left | Where-Object { $_ -in @('stop-0001', 'stop-0002', 'stop-0003', 'stop-0004') }) | Should -BeNullOrEmpty
            $warning = ($warnings | Out-String)
            foreach ($name in 6..300 | ForEach-Object { 'stop-{0:d4}' -f $_ } | Where-Object { $_ -notin $left }) {
                $warning | Should -Match ([regex]::Escape("configmap/$name (deleted)")) -Because "$name was deleted before the stop and must be reported"
            }
        } finally { Remove-TestNamespace $stopNs }
    }

    It 'removes piped objects in input order and reports each missing one once' {
        $items = @('cm-0001', 'no-such-1', 'cm-0002', 'no-such-2', 'cm-0003') | ForEach-Object { [pscustomobject]@{ Kind = 'ConfigMap'; Name = $_; Namespace = $ns } }
        $errors = $null
        $items | Remove-K8sResource -ErrorVariable errors -ErrorAction SilentlyContinue
        @($errors | ForEach-Object { $_.Exception.Message -replace '.*"(no-such-\d)".*', '$1' }) | Should -Be @('no-such-1', 'no-such-2')
        Get-ServerNames $ns | Should -Not -Contain 'cm-0002'
    }

    It 'Select-Object -First 5 reads one page of a long list (<Command>)' -ForEach @(
        @{ Command = 'Get-K8sResource configmaps -AllNamespaces'; Path = '/api/v1/configmaps' }
        @{ Command = 'Get-K8sConfigMap -AllNamespaces'; Path = '/api/v1/configmaps' }
    ) {
        $log = Join-Path $TestDrive 'first5.log'
        $first = Invoke-Expression "$Command -Debug 5> '$log' | Select-Object -First 5"
        @($first).Count | Should -Be 5
        $lists = @(Get-Content $log | Where-Object { $_ -match "^GET $([regex]::Escape($Path))\?" })
        $lists.Count | Should -Be 1 -Because ($lists -join "`n")
        $lists[0] | Should -Match 'limit=500'
        # The same list read whole takes more than one page (there are over 1,800 ConfigMaps): the count above can fail.
        $all = Join-Path $TestDrive 'all.log'
        $count = @(Invoke-Expression "$Command -Debug 5> '$all'").Count
        $count | Should -BeGreaterThan 1000
        @(Get-Content $all | Where-Object { $_ -match "^GET $([regex]::Escape($Path))\?.*continue=" }).Count | Should -BeGreaterThan 0
    }
}

Describe '-Watch streams changes with their event type' {
    BeforeAll {
        Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
        Import-K8sTestModule
        $script:ns = New-TestNamespace -Prefix 'bulk-watch'
        $null = Invoke-TestKubectl -n $ns create configmap before --from-literal=k=v
    }
    AfterAll { Remove-TestNamespace $ns }

    It 'shows ADDED, MODIFIED and DELETED for changes made meanwhile, as kubectl get -w --output-watch-events (<Command>)' -ForEach @(
        @{ Command = 'Get-K8sResource configmaps' }
        @{ Command = 'Get-K8sConfigMap' }
    ) {
        # kubectl get -w --output-watch-events, each event as "TYPE name" into a file (the arguments passed as they are:
        # bash only redirects).
        $kubectlOut = Join-Path $TestDrive "kubectl-watch-$($Command -replace '\W', '').txt"
        $start = [System.Diagnostics.ProcessStartInfo]::new('bash')
        foreach ($a in @('-c', 'exec kubectl "$@" > "$0"', $kubectlOut, '--kubeconfig', $env:K8SPS_TEST_KUBECONFIG, '--context', $env:K8SPS_TEST_CONTEXT, '-n', $ns,
                'get', 'configmaps', '-w', '--output-watch-events', '-o', 'jsonpath={.type} {.object.metadata.name}{"\n"}')) { $start.ArgumentList.Add($a) }
        $start.UseShellExecute = $false
        $kubectl = [System.Diagnostics.Process]::Start($start)
        # kubectl watches before any change is made (else it would list the changed object as ADDED).
        Wait-TestCondition -TimeoutSeconds 30 -Because 'kubectl lists the namespace' { @(Get-Content -LiteralPath $kubectlOut -ErrorAction SilentlyContinue) -contains 'ADDED before' }
        $name = "changed-$([guid]::NewGuid().ToString('n').Substring(0, 6))"
        try {
            # The watch on a thread of its own (a watch that never ends fails the test instead of hanging it). On the listed
            # object it makes a create, a label and a delete with kubectl; Select-Object -First 4 then stops the watch.
            $watch = Start-ThreadJob -ArgumentList $env:K8SPS_TEST_MODULE, $env:K8SPS_TEST_KUBECONFIG, $env:K8SPS_TEST_CONTEXT, $ns, $name, $Command -ScriptBlock {
                param($module, $kubeconfig, $ctx, $ns, $name, $command)
                Import-Module $module
                $changed = $false
                & ([scriptblock]::Create("$command -Namespace '$ns' -Context '$ctx' -Watch")) | ForEach-Object {
                    if (-not $changed -and $_.Name -eq 'before') {
                        $changed = $true
                        foreach ($step in @(@('create', 'configmap', $name, '--from-literal=k=v'), @('label', 'configmap', $name, 'changed=yes'), @('delete', 'configmap', $name))) {
                            $null = & kubectl --kubeconfig $kubeconfig --context $ctx -n $ns @step 2>&1
                        }
                    }
                    $_
                } | Where-Object Name -In 'before', $name | Select-Object -First 4 # (the namespace's kube-root-ca.crt is listed too)
            }
            $finished = $watch | Wait-Job -Timeout 120
            if (-not $finished) { $watch | Stop-Job }
            $seen = @($watch | Receive-Job)
            $watch | Remove-Job -Force
            $finished | Should -Not -BeNullOrEmpty -Because 'the watch must show the listed object and the three changes, and stop after them'
            Wait-TestCondition -TimeoutSeconds 60 -Because 'kubectl sees the deletion' { @(Get-Content -LiteralPath $kubectlOut) -match "DELETED $name" }
            $ours = @($seen | Where-Object Name -EQ $name | ForEach-Object { "$($_.Type) $($_.Name)" })
            $theirs = @(Get-Content -LiteralPath $kubectlOut | Where-Object { $_ -match " $name$" })
            $ours | Should -Be $theirs
            $ours | Should -Be @("ADDED $name", "MODIFIED $name", "DELETED $name")
            # The object itself rides along, of the type the cmdlet writes without -Watch; listed objects come as ADDED, once.
            @($seen | Where-Object Name -EQ 'before' | ForEach-Object Type) | Should -Be @('ADDED')
            ($seen | Where-Object Name -EQ $name | Select-Object -First 1).Object.Metadata.Name | Should -Be $name
        } finally {
            if (-not $kubectl.HasExited) { $kubectl.Kill() }
        }
    }
}

Describe 'Ctrl+C cancels bulk work in flight' {
    # As Rollouts.Stop.Tests: the stop comes through the PowerShell API (Stop() on a [powershell] in a runspace of its
    # own, as the host does on Ctrl+C) in the middle of the work. Stop() must return within a generous bound (the issue
    # asks for one second; 3 s here so a loaded machine does not fail it), and nothing more may reach the server after.
    BeforeAll {
        Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
        Import-K8sTestModule
        function script:Get-ServerCount {
            @(Invoke-TestKubectl -n $ns get configmaps -o name | Where-Object { $_ -like 'configmap/c-*' }).Count
        }
        function script:Measure-BulkStop([string] $Script) {
            $ps = [powershell]::Create()
            try {
                $null = $ps.AddScript("Import-Module '$env:K8SPS_TEST_MODULE'; $Script")
                $async = $ps.BeginInvoke()
                $deadline = [DateTime]::UtcNow.AddSeconds(120)
                while ((Get-ServerCount) -lt 50) {
                    if ($async.IsCompleted) { throw "the command ended before it was stopped: $($ps.Streams.Error | Out-String)" }
                    if ([DateTime]::UtcNow -gt $deadline) { throw 'the command never got going' }
                    Start-Sleep -Milliseconds 100
                }
                $sw = [Diagnostics.Stopwatch]::StartNew()
                $ps.Stop()
                $sw.Stop()
                $atStop = Get-ServerCount
                Start-Sleep -Seconds 2
                [pscustomobject]@{ Elapsed = $sw.Elapsed; State = $ps.InvocationStateInfo.State; AtStop = $atStop; Later = Get-ServerCount }
            } finally { $ps.Dispose() }
        }
    }
    # A namespace each: removing one is quicker than deleting its ConfigMaps one by one.
    BeforeEach { $script:ns = New-TestNamespace -Prefix 'bulk-ctrlc' }
    AfterEach { Remove-TestNamespace $ns }

    It 'piped New-K8sConfigMap of 3,000: Stop() returns at once and nothing more is created' {
        $r = Measure-BulkStop "1..3000 | ForEach-Object { [pscustomobject]@{ Name = 'c-{0:d4}' -f `$_; Namespace = '$ns' } } | New-K8sConfigMap -FromLiteral @{ k = 'v' }"
        Write-Host "    New-K8sConfigMap: Stop() returned after $([int]$r.Elapsed.TotalMilliseconds) ms, $($r.AtStop) created"
        $r.State | Should -Be 'Stopped'
        $r.Elapsed | Should -BeLessThan ([TimeSpan]::FromSeconds(3))
        $r.AtStop | Should -BeLessThan 3000
        $r.Later | Should -Be $r.AtStop -Because 'nothing is sent after the stop'
    }

    It 'Set-K8sResource -Path of 3,000 documents: Stop() returns at once and nothing more is applied' {
        $file = Join-Path $TestDrive 'stop-apply.yaml'
        (1..3000 | ForEach-Object { "apiVersion: v1`nkind: ConfigMap`nmetadata:`n  name: {0}`n  namespace: {1}`ndata:`n  k: v" -f ('c-{0:d4}' -f $_), $ns }) -join "`n---`n" |
            Set-Content -LiteralPath $file
        $r = Measure-BulkStop "Set-K8sResource -Path '$file' -ThrottleLimit 4"
        Write-Host "    Set-K8sResource: Stop() returned after $([int]$r.Elapsed.TotalMilliseconds) ms, $($r.AtStop) applied"
        $r.State | Should -Be 'Stopped'
        $r.Elapsed | Should -BeLessThan ([TimeSpan]::FromSeconds(3))
        $r.AtStop | Should -BeLessThan 3000
        $r.Later | Should -Be $r.AtStop -Because 'nothing is sent after the stop'
    }
}
