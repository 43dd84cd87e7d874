<#
    Nodes: Set-K8sNodeLabel, Add-/Remove-K8sNodeTaint and Disable-/Enable-K8sNodeScheduling do on the test cluster
    what kubectl label, taint, cordon and uncordon do (kubectl reads the result back), and bad input is a clear
    error that changes nothing: a node that does not exist, an invalid key or value (kubectl's rule named), an
    existing key without -Overwrite. Every key and taint here carries a per-run suffix and is removed at the end.
#>
BeforeDiscovery {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Assert-K8sTestEnvironment
}

Describe 'Nodes: labels, taints, cordon and uncordon as kubectl does them' {
    BeforeAll {
        Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
        Import-K8sTestModule
        $script:nodes = @((Invoke-TestKubectl get nodes -Json)['items'] | ForEach-Object { $_['metadata']['name'] } | Sort-Object)
        $script:node = $nodes[-1]
        $script:suffix = [guid]::NewGuid().ToString('N').Substring(0, 6)
        $script:key = "nodes-test-$suffix"
        $script:taintKey = "nodes-taint-$suffix"
        function script:Get-NodeJson([string] $Name) { Invoke-TestKubectl get node $Name -Json }
        function script:Get-Labels([string] $Name) { (Get-NodeJson $Name)['metadata']['labels'] }
        function script:Get-Taints([string] $Name) { @((Get-NodeJson $Name)['spec']['taints'] | Where-Object { $_ -and $_['key'] -eq $taintKey }) }
    }

    AfterAll {
        $null = Invoke-TestKubectl label nodes --all "$($script:key)-" "$($script:key)-other-" -AllowFailure
        foreach ($n in $script:nodes) { $null = Invoke-TestKubectl taint nodes $n "$($script:taintKey)-" -AllowFailure }
        $null = Invoke-TestKubectl uncordon $script:node -AllowFailure
    }

    Context 'labels' {
        It 'adds a label that kubectl then reads on the node' {
            Set-K8sNodeLabel $node @{ $key = 'blue' } -ErrorAction Stop
            (Get-Labels $node)[$key] | Should -Be 'blue'
            (Get-K8sNode $node).Labels[$key] | Should -Be 'blue'
        }

        It 'refuses to change an existing key without -Overwrite, says so, and changes nothing' {
            Set-K8sNodeLabel $node @{ $key = 'green' } -ErrorAction SilentlyContinue -ErrorVariable e
            $e | Should -HaveCount 1
            $e[0].FullyQualifiedErrorId | Should -Match '^LabelExists'
            "$e" | Should -Match ([regex]::Escape("'$key' already has a value (blue), and -Overwrite is not set"))
            $e[0].ErrorDetails.RecommendedAction | Should -Match '-Overwrite'
            (Get-Labels $node)[$key] | Should -Be 'blue'
            # kubectl refuses the same
            "$(Invoke-TestKubectl label node $node "$key=green" -AllowFailure)" | Should -Match ([regex]::Escape("'$key' already has a value (blue), and --overwrite is false"))
        }

        It 'changes it with -Overwrite, and -PassThru writes the node as the server has it' {
            $updated = Set-K8sNodeLabel $node @{ $key = 'green' } -Overwrite -PassThru -ErrorAction Stop
            $updated.Labels[$key] | Should -Be 'green'
            (Get-Labels $node)[$key] | Should -Be 'green'
        }

        It '-WhatIf changes nothing' {
            Set-K8sNodeLabel $node @{ $key = 'red' } -Overwrite -WhatIf
            Set-K8sNodeLabel $node -Remove $key -WhatIf
            (Get-Labels $node)[$key] | Should -Be 'green'
        }

        It 'labels many nodes from the pipeline, and -Selector finds them again' {
            Get-K8sNode | Set-K8sNodeLabel -Label @{ "$key-other" = 'all' } -ErrorAction Stop
            @((Invoke-TestKubectl get nodes -l "$key-other=all" -Json)['items']).Count | Should -Be $nodes.Count
            Set-K8sNodeLabel -Selector "$key-other=all" -Remove "$key-other" -ErrorAction Stop
            @((Invoke-TestKubectl get nodes -l "$key-other" -Json)['items']) | Should -BeNullOrEmpty
        }

        It 'removes a key; a key the node lacks is a warning, as kubectl says label "x" not found' {
            Set-K8sNodeLabel $node -Remove $key, "$key-absent" -WarningVariable w -WarningAction SilentlyContinue -ErrorAction Stop
            (Get-Labels $node).ContainsKey($key) | Should -BeFalse
            "$w" | Should -Match ([regex]::Escape("label `"$key-absent`" not found."))
        }

        It 'a node that does not exist is that node''s NotFound error; the other nodes are still labelled' {
            Set-K8sNodeLabel "no-such-node-$suffix", $node @{ $key = 'x' } -ErrorAction SilentlyContinue -ErrorVariable e
            $e | Should -HaveCount 1
            $e[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
            "$e" | Should -Match ([regex]::Escape("nodes `"no-such-node-$suffix`" not found"))
            (Get-Labels $node)[$key] | Should -Be 'x'
            Set-K8sNodeLabel $node -Remove $key -ErrorAction Stop
        }

        It 'an invalid key is refused before anything is sent, naming the rule the server names' {
            $before = Get-Labels $node
            { Set-K8sNodeLabel $node @{ 'bad key' = 'x' } -ErrorAction Stop } | Should -Throw -ErrorId 'InvalidLabel*'
            try { Set-K8sNodeLabel $node @{ 'bad key' = 'x' } -ErrorAction Stop } catch { $ours = "$_" }
            # the server's rule, as kubectl relays it: metadata.labels: Invalid value: "bad key": <rule>
            $server = "$(Invoke-TestKubectl label node $node 'bad key=x' -AllowFailure)"
            $rule = [regex]::Match($server, 'Invalid value: "bad key": (name part must consist of[^)]*\))').Groups[1].Value
            $rule | Should -Not -BeNullOrEmpty
            $ours | Should -Match ([regex]::Escape("invalid label key `"bad key`": $rule"))
            (Get-Labels $node).Count | Should -Be $before.Count
        }

        It 'an invalid value is refused with kubectl''s words and nothing changes' {
            try { Set-K8sNodeLabel $node @{ $key = 'bad value!' } -ErrorAction Stop } catch { $ours = "$_"; $id = $_.FullyQualifiedErrorId }
            $id | Should -Match '^InvalidLabel'
            $kubectl = "$(Invoke-TestKubectl label node $node "$key=bad value!" -AllowFailure)" -replace '^error: ', ''
            $ours | Should -Match ([regex]::Escape($kubectl.Trim()))
            (Get-Labels $node).ContainsKey($key) | Should -BeFalse
        }
    }

    Context 'taints' {
        It 'adds a taint that kubectl then reads on the node' {
            Add-K8sNodeTaint $node -Key $taintKey -Value gpu -Effect NoSchedule -ErrorAction Stop
            $t = @(Get-Taints $node)
            $t | Should -HaveCount 1
            "$($t[0]['key'])=$($t[0]['value']):$($t[0]['effect'])" | Should -Be "$taintKey=gpu:NoSchedule"
            @((Get-K8sNode $node).Taints | Where-Object Key -eq $taintKey).Count | Should -Be 1
        }

        It 'the same key and effect again: refused without -Overwrite, replaced with it' {
            Add-K8sNodeTaint $node -Taint "$taintKey=cpu:NoSchedule" -ErrorAction SilentlyContinue -ErrorVariable e
            "$e" | Should -Match ([regex]::Escape("node $node already has $taintKey taint(s) with same effect(s) and -Overwrite is not set"))
            @(Get-Taints $node)[0]['value'] | Should -Be 'gpu'
            Add-K8sNodeTaint $node -Taint "$taintKey=cpu:NoSchedule" -Overwrite -ErrorAction Stop
            @(Get-Taints $node)[0]['value'] | Should -Be 'cpu'
            # another effect of the same key is another taint
            Add-K8sNodeTaint $node -Key $taintKey -Effect PreferNoSchedule -ErrorAction Stop
            Get-Taints $node | Should -HaveCount 2
        }

        It 'a bad taint is refused with kubectl''s words' {
            try { Add-K8sNodeTaint $node -Taint "$taintKey=v:Sometimes" -ErrorAction Stop } catch { $ours = "$_" }
            $kubectl = "$(@(Invoke-TestKubectl taint node $node "$taintKey=v:Sometimes" -AllowFailure)[0])"
            $ours | Should -Match ([regex]::Escape(($kubectl -replace '^error: ', '').Trim()))
        }

        It 'removes by key and effect, then every effect of the key; a taint the node lacks is an error' {
            Remove-K8sNodeTaint $node -Key $taintKey -Effect PreferNoSchedule -ErrorAction Stop
            @(Get-Taints $node | ForEach-Object { $_['effect'] }) | Should -Be @('NoSchedule')
            Remove-K8sNodeTaint $node -Taint $taintKey -ErrorAction Stop
            Get-Taints $node | Should -BeNullOrEmpty
            Remove-K8sNodeTaint $node -Key $taintKey -ErrorAction SilentlyContinue -ErrorVariable e
            $e[0].FullyQualifiedErrorId | Should -Match '^TaintNotFound'
            "$e" | Should -Match ([regex]::Escape("taint `"$taintKey`" not found"))
        }
    }

    Context 'cordon and uncordon' {
        It 'Disable-K8sNodeScheduling cordons: kubectl shows SchedulingDisabled' {
            Disable-K8sNodeScheduling $node -ErrorAction Stop
            (Get-NodeJson $node)['spec']['unschedulable'] | Should -BeTrue
            "$(Invoke-TestKubectl get node $node)" | Should -Match 'Ready,SchedulingDisabled'
            (Get-K8sNode $node).State | Should -Be 'Ready,SchedulingDisabled'
            Cordon-K8sNode $node -Verbose 4>&1 | Out-String | Should -Match "node/$node already cordoned"
        }

        It 'Enable-K8sNodeScheduling uncordons (alias Uncordon-K8sNode)' {
            Uncordon-K8sNode $node -ErrorAction Stop
            (Get-NodeJson $node)['spec'].ContainsKey('unschedulable') | Should -BeFalse
            (Get-K8sNode $node).State | Should -Be 'Ready'
        }
    }
}
