<#
    A-DAEMONSET (kubernetes-notes.md lines 1244-1267): a node-exporter DaemonSet, one pod per node. Nothing is
    wrong in the notes (line 1249): the copy in examples/A-DAEMONSET is the same. The test cluster has three
    nodes, none tainted, so the DaemonSet controller puts exactly one pod on each (Get-K8sDaemonSet reads as kubectl);
    a node tainted NoSchedule gets none of a DaemonSet's pods unless they tolerate it, and gets one once the taint
    goes. Not checked here: "a fourth node added gets one", since the node simulator cannot yet add a node to a
    running local cluster.
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
}
