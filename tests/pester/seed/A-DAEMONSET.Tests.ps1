<#
    A-DAEMONSET (kubernetes-notes.md lines 1244-1267): a node-exporter DaemonSet, one pod per node. Nothing is
    wrong in the notes (line 1249): the copy in examples/A-DAEMONSET is the same. The test cluster has three
    nodes, none tainted, so the DaemonSet controller puts exactly one pod on each.
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
    }

    AfterAll {
        Remove-TestNamespace $script:ns
        Remove-TestNamespace $script:kns
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
