<#
    A-DAEMONSET (kubernetes-notes.md lines 1244-1267): a node-exporter DaemonSet, one pod per node. Nothing is
    wrong in the notes (line 1249): the copy in examples/A-DAEMONSET is the same. The test cluster has three
    nodes, none tainted, so the DaemonSet controller puts exactly one pod on each (Get-K8sDaemonSet reads as kubectl);
    a node tainted NoSchedule gets none of a DaemonSet's pods unless they tolerate it, and gets one once the taint
    goes. A fourth node added gets one: on a cluster of the test's own (three nodes), restarted with -NodeCount 4,
    which keeps its objects as a restarted minikube keeps them.
#>
BeforeDiscovery {
    Import-Module (Join-Path $PSScriptRoot '../TestHelpers.psm1') -Force
    Assert-K8sTestEnvironment
}

Describe 'A-DAEMONSET one node-exporter pod per node' {
    BeforeAll {
        Import-Module (Join-Path $PSScriptRoot '../TestHelpers.psm1') -Force
        Import-K8sTestModule
        Import-Module (Join-Path $PSScriptRoot 'ManifestScenarios.psm1') -Force
        Import-Module (Join-Path $PSScriptRoot 'NotesScenarios.psm1') -Force
        $script:ns = New-TestNamespace -Prefix 'a-daemonset'
        $script:kns = New-TestNamespace -Prefix 'a-daemonset-kubectl'
        $script:example = Get-ExampleFolder 'A-DAEMONSET'
        $script:exampleFiles = @(Get-ChildItem $example -Filter *.yaml | ForEach-Object FullName)
        $script:nodes = @((Invoke-TestKubectl get nodes -Json)['items'] | ForEach-Object { $_['metadata']['name'] } | Sort-Object)
        $script:tns = New-TestNamespace -Prefix 'a-daemonset-taint'
        $script:taintKey = 'a-daemonset-' + $tns.Substring($tns.Length - 6)
    }

    AfterAll {
        foreach ($n in $script:nodes) { $null = Invoke-TestKubectl taint nodes $n "$($script:taintKey)-" -AllowFailure }
        Remove-TestNamespace $script:ns
        Remove-TestNamespace $script:kns
        Remove-TestNamespace $script:tns
    }

    Context 'the notes as written' {
        It 'lint finds nothing' {
            Test-K8sManifest -Path (Get-NotesYaml A-DAEMONSET 1249) | Should -BeNullOrEmpty
        }
    }

    Context 'the corrected copy (examples/A-DAEMONSET)' {
        BeforeAll {
            $script:first = Invoke-ApplyCapture -Path $exampleFiles -Namespace $ns
        }

        It 'applies: the DaemonSet created, no errors, no warnings' {
            $first.Errors | Should -BeNullOrEmpty
            $first.Warnings | Should -BeNullOrEmpty
            $first.Actions | Should -Be 'daemonset.apps/node-exporter created'
        }

        It 'makes on the server what kubectl apply makes of the same file' {
            Compare-WithKubectlApply -Path $exampleFiles -Namespace $ns -KubectlNamespace $kns | Should -BeNullOrEmpty
        }

        It 'the test cluster has three nodes' {
            $nodes | Should -HaveCount 3
        }

        It 'puts exactly one Running pod on each node' {
            $pods = Wait-PodsRunning $ns 'name=node-exporter' -Count $nodes.Count
            # No more than one per node, however long the controller had.
            $all = @(Get-TestPods $ns 'name=node-exporter')
            $all | Should -HaveCount $nodes.Count
            @($pods | ForEach-Object { $_['spec']['nodeName'] } | Sort-Object) | Should -Be $nodes
            $ds = Invoke-TestKubectl -n $ns get daemonset node-exporter -Json
            $ds['status']['desiredNumberScheduled'] | Should -Be $nodes.Count
        }

        It 'Get-K8sDaemonSet reads as kubectl get daemonset: one desired, current and ready per node' {
            $ds = Get-K8sDaemonSet node-exporter -Namespace $ns -ErrorAction Stop
            $row = @(Invoke-TestKubectl -n $ns get daemonset node-exporter --no-headers) -split '\s+'
            @($ds.Name, $ds.Desired, $ds.Current, $ds.Ready, $ds.UpToDate, $ds.Available, $ds.NodeSelector) | Should -Be $row[0..6]
            $ds.Desired | Should -Be $nodes.Count
        }

        It 'a node tainted NoSchedule gets none of a DaemonSet''s pods without a toleration' {
            $tainted = $nodes[-1]
            Add-K8sNodeTaint $tainted -Key $taintKey -Value monitoring -Effect NoSchedule -ErrorAction Stop
            $first = Invoke-ApplyCapture -Path $exampleFiles -Namespace $tns
            $first.Errors | Should -BeNullOrEmpty
            $pods = Wait-PodsRunning $tns 'name=node-exporter' -Count ($nodes.Count - 1)
            @($pods | ForEach-Object { $_['spec']['nodeName'] } | Sort-Object) | Should -Be @($nodes | Where-Object { $_ -ne $tainted })
            $ds = Wait-TestCondition -Because 'the DaemonSet controller to count the untainted nodes only' -Condition {
                $d = Get-K8sDaemonSet node-exporter -Namespace $tns
                if ($d.Desired -eq $nodes.Count - 1 -and $d.Ready -eq $nodes.Count - 1) { $d }
            }
            $ds.Current | Should -Be ($nodes.Count - 1)
            @(Get-TestPods $tns 'name=node-exporter' | Where-Object { $_['spec']['nodeName'] -eq $tainted }) | Should -BeNullOrEmpty
            # the first DaemonSet's pod on that node stays: NoSchedule keeps running pods
            @(Get-TestPods $ns 'name=node-exporter' | Where-Object { $_['spec']['nodeName'] -eq $tainted }).Count | Should -Be 1
        }

        It 'once the taint is removed the node gets its pod' {
            Remove-K8sNodeTaint $nodes[-1] -Key $taintKey -ErrorAction Stop
            $pods = Wait-PodsRunning $tns 'name=node-exporter' -Count $nodes.Count
            @($pods | ForEach-Object { $_['spec']['nodeName'] } | Sort-Object) | Should -Be $nodes
        }

        It 're-applying says unchanged' {
            $again = Invoke-ApplyCapture -Path $exampleFiles -Namespace $ns
            $again.Errors | Should -BeNullOrEmpty
            $again.Actions | Should -Be 'daemonset.apps/node-exporter unchanged'
        }

        It 'removal by -Path leaves nothing' {
            Assert-ExampleRemoved $exampleFiles $ns
            Wait-TestCondition -Because "the node-exporter pods in $ns to be gone" -Condition { @(Get-TestPods $ns 'name=node-exporter').Count -eq 0 } | Should -BeTrue
        }
    }

    Context 'a node added to the cluster' {
        BeforeAll {
            $script:own = New-K8sTestCluster -NodeCount 3
            $script:ownKubectl = { kubectl --kubeconfig $own.KubeconfigPath --context $own.Context @args }
            $null = Set-K8sResource -Path $exampleFiles -Context $own.Context -Namespace default -ErrorAction Stop
        }

        AfterAll {
            if ($script:own) { Remove-K8sTestCluster $script:own }
        }

        It 'a fourth node gets a pod of the DaemonSet, the three others keep theirs' {
            Wait-TestCondition -Because 'three node-exporter pods Running on the three nodes' -Condition {
                $pods = (& $ownKubectl get pods -l name=node-exporter -o json | ConvertFrom-Json).items
                @($pods | Where-Object { $_.status.phase -eq 'Running' }).Count -eq 3
            } | Should -BeTrue
            $null = Stop-K8sLocalCluster -Name $own.Name -ErrorAction Stop
            $null = Start-K8sLocalCluster -Name $own.Name -NodeCount 4 -KubeconfigPath $own.KubeconfigPath -ErrorAction Stop
            $nodes4 = @((& $ownKubectl get nodes -o json | ConvertFrom-Json).items.metadata.name | Sort-Object)
            $nodes4 | Should -HaveCount 4
            Wait-TestCondition -Because 'a node-exporter pod Running on each of the four nodes' -Condition {
                $pods = (& $ownKubectl get pods -l name=node-exporter -o json | ConvertFrom-Json).items | Where-Object { $_.status.phase -eq 'Running' -and -not $_.metadata.deletionTimestamp }
                $on = @($pods | ForEach-Object { $_.spec.nodeName } | Sort-Object)
                ($on -join ',') -eq ($nodes4 -join ',')
            } | Should -BeTrue
            (Get-K8sDaemonSet node-exporter -Context $own.Context -Namespace default).Desired | Should -Be 4
        }
    }
}
