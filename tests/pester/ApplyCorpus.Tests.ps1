<#
    The apply corpus (tests/pester/ApplyCorpus, see its README): every file run through K8sPS and kubectl side by
    side on the test cluster. For each file:
      1. the server dry run: Set-K8sResource -WhatIf and kubectl apply --dry-run=server accept and refuse the same
         documents (where K8sPS refuses on purpose what kubectl applies, $stricter names the rule, and the error must
         say so and name -SkipLint); every refusal of K8sPS names the file and a line;
      2. the real apply into a namespace per tool: the same documents applied; K8sPS's second apply changes nothing;
      3. the objects both made, read back from the server, are equal (all but what the server assigns: uid, times,
         allocated IPs and ports, managedFields, kubectl's last-applied annotation, status).
    Each step takes one K8sPS call and one kubectl call for all files at once (kubectl keeps going after a bad
    document, and no two documents of the corpus share a kind and name, so each outcome belongs to one file); files
    whose objects need the CRDs of other files (*.objects.yaml) come after the others, the APIService last.
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

        # Documents K8sPS refuses on purpose where kubectl applies them: file -> document -> the lint rule that says why.
        # These files are then applied with -SkipLint, which must make kubectl's object.
        $script:stricter = @{ 'duplicate-key.yaml' = @{ 'configmap/proxy-settings' = 'K8S105' } }

        # "kind/name" of a document or object, the same for both tools' copies.
        function script:Key([string] $kind, [string] $objectName) {
            "$($kind.Split('.')[0].ToLowerInvariant())/$($objectName -replace 'via-(k8sps|kubectl)', 'via-TOOL')"
        }
        function script:Invoke-CorpusKubectl {
            $all = @('--kubeconfig', $env:K8SPS_TEST_KUBECONFIG, '--context', $env:K8SPS_TEST_CONTEXT) + $args
            $lines = & (Get-Command kubectl -CommandType Application | Select-Object -First 1) @all 2>&1
            @{ Out = @($lines | Where-Object { $_ -isnot [Management.Automation.ErrorRecord] } | ForEach-Object { "$_".Trim() } | Where-Object { $_ })
               # kubectl's discovery warnings about an aggregated API that is not available (the corpus's APIService) are about no file.
               Err = @($lines | Where-Object { $_ -is [Management.Automation.ErrorRecord] } | ForEach-Object { "$_" } | Where-Object { $_ -notmatch "memcache\.go.*couldn't get resource list" }) }
        }
        # A server object as both tools' objects can be compared: without what the server assigns or the tool adds.
        function script:Comparable($o, [string] $tool) {
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
            ($text.Replace($namespaces[$tool], 'NAMESPACE') -replace 'via-(k8sps|kubectl)', 'via-TOOL' -replace 'default-token-[a-z0-9]{5}', 'default-token-RANDOM')
        }
        function script:Sorted($value) {
            if ($value -is [Collections.IDictionary]) {
                $s = [ordered]@{}
                # A Job's controller-uid (selector and labels) is the Job's own uid.
                foreach ($k in ($value.Keys | Where-Object { $_ -ne 'controller-uid' } | Sort-Object)) { $s[$k] = Sorted $value[$k] }
                return $s
            }
            if ($value -is [Collections.IList]) { return , @($value | ForEach-Object { Sorted $_ }) }
            $value
        }
        # Each error record's document ("kind/name" as K8sPS names it in TargetObject), with its message.
        function script:ErrorsOf($records) {
            @($records | ForEach-Object {
                    $key = if ("$($_.TargetObject)" -match '^([^/]+)/(.+)$') { Key $Matches[1] $Matches[2] } else { "$($_.TargetObject)" }
                    @{ Key = $key; Message = "$_" } })
        }

        # Each file twice, once per tool, and its documents.
        $script:outcomes = @{}
        $files = @(Get-ChildItem (Join-Path $PSScriptRoot 'ApplyCorpus') -File | Where-Object Extension -In '.yaml', '.yml', '.json' | Sort-Object Name)
        $owner = @{}
        foreach ($file in $files) {
            $text = [IO.File]::ReadAllText($file.FullName)
            $copies = @{}
            foreach ($tool in 'k8sps', 'kubectl') {
                $dir = Join-Path $work $tool
                $null = New-Item -ItemType Directory -Force $dir
                $copies[$tool] = Join-Path $dir $file.Name
                [IO.File]::WriteAllText($copies[$tool], $text.Replace('{{tool}}', "via-$tool").Replace('{{namespace}}', $namespaces[$tool]))
            }
            $docs = @(ConvertFrom-K8sYaml -Path $copies.k8sps -WarningAction SilentlyContinue | ForEach-Object { if ($_.kind -eq 'List') { $_.items } else { $_ } } |
                ForEach-Object { Key $_.kind $_.metadata.name })
            foreach ($d in $docs) {
                if ($owner.ContainsKey($d)) { throw "$d is in both $($owner[$d]) and $($file.Name): each document of the corpus needs a kind and name of its own" }
                $owner[$d] = $file.Name
            }
            $outcomes[$file.Name] = @{ Name = $file.Name; Copies = $copies; Documents = $docs
                K8sPSDryErrors = @(); KubectlDry = @(); K8sPSApplied = @(); K8sPSApplyErrors = @(); KubectlApplied = @(); Again = @(); AgainErrors = @(); Objects = @{}; Targets = @{ k8sps = @(); kubectl = @() } }
        }
        # The file a document belongs to; for an error about no document (a file that cannot be read), the file it names.
        function script:OwnerOf([string] $key, [string] $message = '') {
            if ($owner.ContainsKey($key)) { return $outcomes[$owner[$key]] }
            $named = @($outcomes.Values | Where-Object { $message -like "*$($_.Name)*" })
            if ($named.Count -ne 1) { throw "no corpus file owns '$key': $message" }
            $named[0]
        }

        # -WhatIf in a runspace without a host: what it prints goes nowhere.
        $quiet = [powershell]::Create()
        $null = $quiet.AddScript("Import-Module '$env:K8SPS_TEST_MODULE'").Invoke()
        $quiet.Commands.Clear()

        $waves = @(
            @($files | Where-Object { $_.Name -notlike '*.objects.*' -and $_.Name -ne 'apiservice.yaml' }),
            @($files | Where-Object Name -Like '*.objects.*'),
            @($files | Where-Object Name -EQ 'apiservice.yaml'))
        try {
            foreach ($wave in $waves) {
                $k8spsFiles = @($wave | ForEach-Object { $outcomes[$_.Name].Copies.k8sps })
                $kubectlArgs = @($wave | ForEach-Object { '-f'; $outcomes[$_.Name].Copies.kubectl })

                # 1. Server dry run.
                $null = $quiet.AddScript('param($Path, $Namespace) $errs = $null; $null = Set-K8sResource -Path $Path -Namespace $Namespace -WhatIf -ErrorVariable errs -ErrorAction SilentlyContinue; , @($errs)').
                    AddParameters(@{ Path = $k8spsFiles; Namespace = $namespaces.k8sps })
                $dryErrors = @($quiet.Invoke() | ForEach-Object { $_ })
                $quiet.Commands.Clear()
                foreach ($e in ErrorsOf $dryErrors) { (OwnerOf $e.Key $e.Message).K8sPSDryErrors += $e }
                $kd = Invoke-CorpusKubectl apply --dry-run=server @kubectlArgs -n $namespaces.kubectl -o name
                foreach ($line in $kd.Out) { $k, $n = $line -split '/', 2; $key = Key $k $n; (OwnerOf $key).KubectlDry += $key }
                foreach ($f in $wave) { $outcomes[$f.Name].KubectlDryErrors = @($kd.Err | Where-Object { $_ -like "*$($f.Name)*" }) }

                # 2. Real apply (where K8sPS is stricter, with -SkipLint, after the dry run showed its refusal), and K8sPS's second apply.
                $plain = @($wave | Where-Object { -not $stricter.ContainsKey($_.Name) } | ForEach-Object { $outcomes[$_.Name].Copies.k8sps })
                $lenient = @($wave | Where-Object { $stricter.ContainsKey($_.Name) } | ForEach-Object { $outcomes[$_.Name].Copies.k8sps })
                foreach ($set in @(@{ Files = $plain; SkipLint = $false }, @{ Files = $lenient; SkipLint = $true })) {
                    if ($set.Files.Count -eq 0) { continue }
                    $errs = $null
                    $applied = @(Set-K8sResource -Path $set.Files -Namespace $namespaces.k8sps -SkipLint:$set.SkipLint -ErrorVariable errs -ErrorAction SilentlyContinue)
                    foreach ($a in $applied) { $key = Key $a.Kind $a.Name; $o = OwnerOf $key; $o.K8sPSApplied += $key; $o.Targets.k8sps += $a.Target }
                    foreach ($e in ErrorsOf $errs) { (OwnerOf $e.Key $e.Message).K8sPSApplyErrors += $e.Message }
                    $errs = $null
                    $again = @(Set-K8sResource -Path $set.Files -Namespace $namespaces.k8sps -SkipLint:$set.SkipLint -ErrorVariable errs -ErrorAction SilentlyContinue)
                    foreach ($a in $again) { $key = Key $a.Kind $a.Name; (OwnerOf $key).Again += "$key $($a.Action)" }
                    foreach ($e in ErrorsOf $errs) { (OwnerOf $e.Key $e.Message).AgainErrors += $e.Message }
                }
                $ka = Invoke-CorpusKubectl apply @kubectlArgs -n $namespaces.kubectl -o name
                foreach ($line in $ka.Out) { $k, $n = $line -split '/', 2; $key = Key $k $n; $o = OwnerOf $key; $o.KubectlApplied += $key; $o.Targets.kubectl += $line }
                foreach ($f in $wave) { $outcomes[$f.Name].KubectlApplyErrors = @($ka.Err | Where-Object { $_ -like "*$($f.Name)*" }) }
            }
        }
        finally { $quiet.Dispose() }

        # 3. The objects, as the server has them now (controllers have had the whole run to fill in what they own).
        foreach ($tool in 'k8sps', 'kubectl') {
            $targets = @($outcomes.Values | ForEach-Object { $_.Targets[$tool] })
            $list = Invoke-TestKubectl get @targets -n $namespaces[$tool] -Json
            foreach ($item in @($list['items'])) {
                $key = Key $item['kind'] $item['metadata']['name']
                (OwnerOf $key).Objects["$tool $key"] = Comparable $item $tool
            }
        }
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
        $o.Documents.Count | Should -BeGreaterThan 0
        $expectStricter = if ($stricter.ContainsKey($Name)) { $stricter[$Name] } else { @{} }

        # 1. Server dry run: the same documents accepted; K8sPS's refusals name the file and a line.
        $k8spsRefused = @($o.K8sPSDryErrors | ForEach-Object Key)
        $k8spsAccepted = @($o.Documents | Where-Object { $_ -notin $k8spsRefused })
        $expectedK8sPS = @($o.KubectlDry | Where-Object { -not $expectStricter.ContainsKey($_) })
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
        foreach ($key in $o.KubectlApplied) {
            $o.Objects["kubectl $key"] | Should -Not -BeNullOrEmpty -Because "kubectl's $key is on the server"
            $o.Objects["k8sps $key"] | Should -Be $o.Objects["kubectl $key"] -Because "$key as K8sPS made it (first) and as kubectl made it"
        }
    }
}
