<#
    The apply corpus (tests/pester/ApplyCorpus, see its README): every file run through K8sPS and kubectl side by
    side on the test cluster. For each file, in the same test:
      1. the server dry run: Set-K8sResource -WhatIf and kubectl apply --dry-run=server accept and refuse the same
         documents (where K8sPS refuses on purpose what kubectl applies, $stricter names the rule, and the error must
         say so and name -SkipLint); every refusal of K8sPS names the file and a line;
      2. the real apply into a namespace per tool: the same documents applied; K8sPS's second apply changes nothing;
      3. the objects both made, read back from the server, are equal (all but what the server assigns: uid, times,
         allocated IPs and ports, managedFields, kubectl's last-applied annotation, status).
    Files run four at a time, each in a runspace of its own (no host, so -WhatIf prints nothing); files whose objects
    need the CRDs of other files (*.objects.yaml) run after the others.
#>
BeforeDiscovery {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Assert-K8sTestEnvironment
    $corpusFiles = @(Get-ChildItem (Join-Path $PSScriptRoot 'ApplyCorpus') -File |
        Where-Object Extension -In '.yaml', '.yml', '.json' | Sort-Object Name | ForEach-Object { @{ Name = $_.Name } })
}

Describe 'Apply corpus: K8sPS beside kubectl' {
    BeforeAll {
        Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
        Import-K8sTestModule
        $suffix = [guid]::NewGuid().ToString('N').Substring(0, 5)
        $script:namespaces = @{ k8sps = "corpus-via-k8sps-$suffix"; kubectl = "corpus-via-kubectl-$suffix" }
        foreach ($n in $namespaces.Values) { $null = Invoke-TestKubectl create namespace $n }
        $script:work = Join-Path ([IO.Path]::GetTempPath()) "k8sps-corpus-$suffix"
        foreach ($tool in 'k8sps', 'kubectl') { $null = New-Item -ItemType Directory -Force (Join-Path $work $tool) }

        # Documents K8sPS refuses on purpose where kubectl applies them: file -> document -> the lint rule that says why.
        # The real apply of these files runs with -SkipLint, which must then make kubectl's object.
        $script:stricter = @{ 'duplicate-key.yaml' = @{ 'configmap/proxy-settings' = 'K8S105' } }

        # One file, both tools, in a runspace with K8sPS loaded; returns what the assertions need.
        $fileWork = {
            param($Source, $Namespaces, $Work, $Kubeconfig, $Context, [bool] $SkipLint)
            $ErrorActionPreference = 'Continue'
            $name = Split-Path $Source -Leaf
            function Key([string] $kind, [string] $objectName) {
                "$($kind.Split('.')[0].ToLowerInvariant())/$($objectName -replace 'via-(k8sps|kubectl)', 'via-TOOL')"
            }
            $kubectlExe = (Get-Command kubectl -CommandType Application | Select-Object -First 1).Source
            function Invoke-Kubectl { $all = @('--kubeconfig', $Kubeconfig, '--context', $Context) + $args; & $kubectlExe @all 2>&1 }
            function Split-Output($lines) {
                @{ Out = @($lines | Where-Object { $_ -isnot [Management.Automation.ErrorRecord] } | ForEach-Object { "$_".Trim() } | Where-Object { $_ })
                   # kubectl's discovery warnings about an aggregated API that is not available (the corpus's APIService) are not about the file.
                   Err = @($lines | Where-Object { $_ -is [Management.Automation.ErrorRecord] } | ForEach-Object { "$_" } | Where-Object { $_ -notmatch "memcache\.go.*couldn't get resource list" }) }
            }
            # A server object as both tools' objects can be compared: without what the server assigns or the tool adds.
            function Comparable($o, [string] $tool) {
                $o.Remove('status')
                $m = $o['metadata']
                foreach ($k in 'uid', 'resourceVersion', 'creationTimestamp', 'managedFields', 'generation', 'selfLink', 'namespace') { $m.Remove($k) }
                if ($m['annotations']) {
                    foreach ($k in 'kubectl.kubernetes.io/last-applied-configuration', 'autoscaling.alpha.kubernetes.io/conditions', 'autoscaling.alpha.kubernetes.io/current-metrics') { $m['annotations'].Remove($k) }
                    if ($m['annotations'].Count -eq 0) { $m.Remove('annotations') }
                }
                switch ($o['kind']) {
                    'Service' {
                        foreach ($k in 'clusterIP', 'clusterIPs', 'healthCheckNodePort') { $o['spec'].Remove($k) }
                        foreach ($p in @($o['spec']['ports'])) { if ($p) { $p.Remove('nodePort') } }
                    }
                    'ServiceAccount' { $o.Remove('secrets') } # the token controller's secret has a random name
                    'Pod' { $o['spec'].Remove('nodeName') }   # the scheduler's choice
                }
                $text = Sorted $o | ConvertTo-Json -Depth 60 -Compress
                # The service account token secret mounted into pods has a random suffix per namespace.
                ($text.Replace($Namespaces[$tool], 'NAMESPACE') -replace 'via-(k8sps|kubectl)', 'via-TOOL' -replace 'default-token-[a-z0-9]{5}', 'default-token-RANDOM')
            }
            function Sorted($value) {
                if ($value -is [Collections.IDictionary]) {
                    $s = [ordered]@{}
                    # A Job's controller-uid (selector and labels) is the Job's own uid.
                    foreach ($k in ($value.Keys | Where-Object { $_ -ne 'controller-uid' } | Sort-Object)) { $s[$k] = Sorted $value[$k] }
                    return $s
                }
                if ($value -is [Collections.IList]) { return , @($value | ForEach-Object { Sorted $_ }) }
                $value
            }

            $text = [IO.File]::ReadAllText($Source)
            $copies = @{}
            foreach ($tool in 'k8sps', 'kubectl') {
                $copies[$tool] = Join-Path (Join-Path $Work $tool) $name
                [IO.File]::WriteAllText($copies[$tool], $text.Replace('{{tool}}', "via-$tool").Replace('{{namespace}}', $Namespaces[$tool]))
            }
            $r = @{ Name = $name }
            $r.Documents = @(ConvertFrom-K8sYaml -Path $copies.k8sps -WarningAction SilentlyContinue | ForEach-Object {
                    if ($_.kind -eq 'List') { $_.items } else { $_ } } | ForEach-Object { Key $_.kind $_.metadata.name })

            # 1. Server dry run.
            $errs = $null
            $null = Set-K8sResource -Path $copies.k8sps -Namespace $Namespaces.k8sps -WhatIf -ErrorVariable errs -ErrorAction SilentlyContinue
            $r.K8sPSDryErrors = @($errs | ForEach-Object { @{ Key = $(if ("$($_.TargetObject)" -match '^([^/]+)/(.+)$') { Key $Matches[1] $Matches[2] } else { "$($_.TargetObject)" }); Message = "$_"; Id = $_.FullyQualifiedErrorId } })
            $kd = Split-Output (Invoke-Kubectl apply --dry-run=server -f $copies.kubectl -n $Namespaces.kubectl -o name)
            $r.KubectlDry = @($kd.Out | ForEach-Object { $k, $n = $_ -split '/', 2; Key $k $n })
            $r.KubectlDryErrors = $kd.Err

            # 2. Real apply, and K8sPS's second apply.
            $errs = $null
            $applied = @(Set-K8sResource -Path $copies.k8sps -Namespace $Namespaces.k8sps -SkipLint:$SkipLint -ErrorVariable errs -ErrorAction SilentlyContinue)
            $r.K8sPSApplied = @($applied | ForEach-Object { Key $_.Kind $_.Name })
            $r.K8sPSApplyErrors = @($errs | ForEach-Object { "$_" })
            $ka = Split-Output (Invoke-Kubectl apply -f $copies.kubectl -n $Namespaces.kubectl -o name)
            $r.KubectlApplied = @($ka.Out | ForEach-Object { $k, $n = $_ -split '/', 2; Key $k $n })
            $r.KubectlApplyErrors = $ka.Err
            $errs = $null
            $again = @(Set-K8sResource -Path $copies.k8sps -Namespace $Namespaces.k8sps -SkipLint:$SkipLint -ErrorVariable errs -ErrorAction SilentlyContinue)
            $r.Again = @($again | ForEach-Object { "$(Key $_.Kind $_.Name) $($_.Action)" })
            $r.AgainErrors = @($errs | ForEach-Object { "$_" })

            # 3. The objects, as the server has them.
            $r.Objects = @{ k8sps = @{}; kubectl = @{} }
            $targets = @{ k8sps = @($applied | ForEach-Object Target); kubectl = @($ka.Out) }
            foreach ($tool in 'k8sps', 'kubectl') {
                if ($targets[$tool].Count -eq 0) { continue }
                $got = Split-Output (Invoke-Kubectl get @($targets[$tool]) -n $Namespaces[$tool] -o json)
                if ($got.Err) { $r["$($tool)GetErrors"] = $got.Err }
                $list = ($got.Out -join "`n") | ConvertFrom-Json -AsHashtable
                $items = if ($list['kind'] -eq 'List') { @($list['items']) } else { @($list) }
                foreach ($item in $items) { $r.Objects[$tool][(Key $item['kind'] $item['metadata']['name'])] = Comparable $item $tool }
            }
            $r
        }

        $iss = [Management.Automation.Runspaces.InitialSessionState]::CreateDefault2()
        $iss.ImportPSModule($env:K8SPS_TEST_MODULE)
        # No host: what -WhatIf prints goes nowhere.
        $pool = [runspacefactory]::CreateRunspacePool($iss)
        $null = $pool.SetMaxRunspaces(4)
        $pool.Open()
        $script:outcomes = @{}
        try {
            $all = @(Get-ChildItem (Join-Path $PSScriptRoot 'ApplyCorpus') -File | Where-Object Extension -In '.yaml', '.yml', '.json' | Sort-Object Name)
            # CRD objects after everything else: their CRDs must exist before the server can judge them. The APIService
            # last and alone: while it is unavailable, kubectl warns about its group on every call.
            $waves = @(
                @($all | Where-Object { $_.Name -notlike '*.objects.*' -and $_.Name -ne 'apiservice.yaml' }),
                @($all | Where-Object Name -Like '*.objects.*'),
                @($all | Where-Object Name -EQ 'apiservice.yaml'))
            foreach ($wave in $waves) {
                $running = foreach ($file in $wave) {
                    $ps = [powershell]::Create()
                    $ps.RunspacePool = $pool
                    $null = $ps.AddScript($fileWork).AddParameters(@{
                            Source = $file.FullName; Namespaces = $namespaces; Work = $work; Kubeconfig = $env:K8SPS_TEST_KUBECONFIG
                            Context = $env:K8SPS_TEST_CONTEXT; SkipLint = $stricter.ContainsKey($file.Name)
                        })
                    @{ Name = $file.Name; PowerShell = $ps; Handle = $ps.BeginInvoke() }
                }
                foreach ($run in $running) {
                    try {
                        $out = @($run.PowerShell.EndInvoke($run.Handle))
                        $script:outcomes[$run.Name] = if ($out.Count -gt 0) { $out[-1] } else { @{ Name = $run.Name; Failure = ($run.PowerShell.Streams.Error | ForEach-Object { "$_" }) -join '; ' } }
                    }
                    catch { $script:outcomes[$run.Name] = @{ Name = $run.Name; Failure = "$_" } }
                    finally { $run.PowerShell.Dispose() }
                }
            }
        }
        finally { $pool.Dispose() }
    }

    AfterAll {
        # Cluster-scoped objects first, the APIService before anything and waited for: while it is there and unavailable,
        # namespaces cannot finish deleting and kubectl warns about its group on every call.
        foreach ($tool in 'k8sps', 'kubectl') {
            $api = Join-Path (Join-Path $work $tool) 'apiservice.yaml'
            if (Test-Path $api) { $null = Invoke-TestKubectl delete -f $api --ignore-not-found --wait=true -AllowFailure }
        }
        foreach ($tool in 'k8sps', 'kubectl') {
            if ($script:work -and (Test-Path (Join-Path $work $tool))) {
                $null = Invoke-TestKubectl delete -f (Join-Path $work $tool) -n $namespaces[$tool] --ignore-not-found --wait=false -AllowFailure
            }
        }
        foreach ($n in $script:namespaces.Values) { Remove-TestNamespace $n }
        if ($script:work) { Remove-Item $work -Recurse -Force -ErrorAction SilentlyContinue }
    }

    It '<Name>: kubectl''s verdict, the same objects, and an unchanged second apply' -ForEach $corpusFiles {
        $o = $outcomes[$Name]
        $o | Should -Not -BeNullOrEmpty
        $o.ContainsKey('Failure') | Should -BeFalse -Because "the file's run failed: $($o['Failure'])"
        $o.Documents.Count | Should -BeGreaterThan 0
        $expectStricter = if ($stricter.ContainsKey($Name)) { $stricter[$Name] } else { @{} }

        # 1. Server dry run: the same documents accepted; K8sPS's refusals name the file and a line.
        $k8spsRefused = @($o.K8sPSDryErrors | ForEach-Object Key)
        $k8spsAccepted = @($o.Documents | Where-Object { $_ -notin $k8spsRefused })
        $kubectlAccepted = @($o.KubectlDry)
        $expectedK8sPS = @($kubectlAccepted | Where-Object { -not $expectStricter.ContainsKey($_) })
        ($k8spsAccepted | Sort-Object) -join ', ' | Should -Be (($expectedK8sPS | Sort-Object) -join ', ') -Because "dry run: K8sPS refused $($o.K8sPSDryErrors.Message -join ' | '); kubectl said $($o.KubectlDryErrors -join ' | ')"
        foreach ($e in $o.K8sPSDryErrors) { $e.Message | Should -Match ([regex]::Escape($Name) + ':\d+') -Because 'a refusal names the file and line' }
        foreach ($doc in $expectStricter.Keys) {
            $e = @($o.K8sPSDryErrors | Where-Object Key -EQ $doc)
            $e | Should -HaveCount 1
            $e[0].Message | Should -Match $expectStricter[$doc]
            $e[0].Message | Should -Match 'stricter here than kubectl on purpose'
            $e[0].Message | Should -Match '-SkipLint'
        }

        # 2. Real apply: the same documents (with -SkipLint where K8sPS is stricter); a second apply changes nothing.
        ($o.K8sPSApplied | Sort-Object) -join ', ' | Should -Be (($o.KubectlApplied | Sort-Object) -join ', ') -Because "apply: K8sPS said $($o.K8sPSApplyErrors -join ' | '); kubectl said $($o.KubectlApplyErrors -join ' | ')"
        @($o.AgainErrors).Count | Should -Be @($o.K8sPSApplyErrors).Count -Because "the second apply refuses what the first refused: $($o.AgainErrors -join ' | ')"
        $o.Again | Where-Object { $_ -notmatch ' Unchanged$' } | Should -BeNullOrEmpty -Because 'applying the same file again changes nothing'

        # 3. The objects on the server.
        $o['k8spsGetErrors'] | Should -BeNullOrEmpty
        $o['kubectlGetErrors'] | Should -BeNullOrEmpty
        $o.Objects.k8sps.Keys.Count | Should -Be $o.KubectlApplied.Count
        foreach ($key in $o.Objects.kubectl.Keys) {
            $o.Objects.k8sps[$key] | Should -Be $o.Objects.kubectl[$key] -Because "$key as K8sPS made it (first) and as kubectl made it"
        }
    }
}
