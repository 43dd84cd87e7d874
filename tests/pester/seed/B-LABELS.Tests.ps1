<#
    B-LABELS (kubernetes-notes.md lines 615-652): label a node `hardware=helloworld-only-node` and pin a
    deployment to it with a nodeSelector. The notes (line 628) put nodeSelector at the top level of the
    Deployment, where it is no field at all: kubectl says only "unknown field"; K8sPS names the line and
    where it belongs, and applies nothing of that document. The corrected copy has it in spec.template.spec:
    with no node labelled its pods stay Pending (Unschedulable); once a node is labelled (Set-K8sNodeLabel, the
    notes' kubectl label nodes) they all land there. With the label removed, a restart's new pods have nowhere to go:
    Pending, and the scheduler's FailedScheduling event says why (kubectl get events), while the running pods stay
    (the label is IgnoredDuringExecution, and the rolling update keeps them until new ones are ready).
#>
BeforeDiscovery {
    Import-Module (Join-Path $PSScriptRoot '../TestHelpers.psm1') -Force
    Assert-K8sTestEnvironment
}

Describe 'B-LABELS deployment pinned to a labelled node' {
    BeforeAll {
        Import-Module (Join-Path $PSScriptRoot '../TestHelpers.psm1') -Force
        Import-K8sTestModule
        Import-Module (Join-Path $PSScriptRoot 'ManifestScenarios.psm1') -Force
        Import-Module (Join-Path $PSScriptRoot 'NotesScenarios.psm1') -Force
        $script:ns = New-TestNamespace -Prefix 'b-labels'
        $script:kns = New-TestNamespace -Prefix 'b-labels-kubectl'
        $script:example = Get-ExampleFolder 'B-LABELS'
        $script:exampleFiles = @(Get-ChildItem $example -Filter *.yaml | ForEach-Object FullName)
        # The last node of the test cluster gets the label; no node may carry it before.
        $script:node = @((Invoke-TestKubectl get nodes -Json)['items'] | ForEach-Object { $_['metadata']['name'] } | Sort-Object)[-1]
        Set-K8sNodeLabel -Selector hardware -Remove hardware -WarningAction SilentlyContinue -ErrorAction Stop
    }

    AfterAll {
        $null = Invoke-TestKubectl label nodes --all hardware- -AllowFailure
        Remove-TestNamespace $script:ns
        Remove-TestNamespace $script:kns
    }

    Context 'the notes as written' {
        It 'lint reports nodeSelector at the top level, with file, line, field and where it belongs' {
            $issue = Test-K8sManifest -Path (Get-NotesYaml B-LABELS 628)
            $issue | Should -HaveCount 1
            $issue.ToString() | Should -Match ([regex]::Escape('B-LABELS-628.yaml:21: error K8S101 Deployment/helloworld-deployment nodeSelector:'))
            $issue.Message | Should -Match "unknown field 'nodeSelector': Deployment \(at the top level\) has no such field"
            $issue.Fix | Should -Match 'spec\.template\.spec\.nodeSelector'
        }

        It 'apply refuses the document with the same explanation and applies nothing of it' {
            $r = Invoke-ApplyCapture -Path (Get-NotesYaml B-LABELS 628) -Namespace $ns
            $r.Errors | Should -HaveCount 1
            $r.Errors[0] | Should -Match ([regex]::Escape('B-LABELS-628.yaml:1: Deployment/helloworld-deployment was not applied'))
            $r.Errors[0] | Should -Match ([regex]::Escape('B-LABELS-628.yaml:21: error K8S101 Deployment/helloworld-deployment nodeSelector:'))
            $r.Errors[0] | Should -Match 'spec\.template\.spec\.nodeSelector'
            $r.Actions | Should -BeNullOrEmpty
            Invoke-TestKubectl -n $ns get deployment helloworld-deployment -AllowFailure | Should -Match 'NotFound'
        }
    }

    Context 'the corrected copy (examples/B-LABELS)' {
        BeforeAll {
            $script:first = Invoke-ApplyCapture -Path $exampleFiles -Namespace $ns
        }

        It 'applies: the deployment created, no errors, no warnings' {
            $first.Errors | Should -BeNullOrEmpty
            $first.Warnings | Should -BeNullOrEmpty
            $first.Actions | Should -Be 'deployment.apps/helloworld-deployment created'
        }

        It 'makes on the server what kubectl apply makes of the same file' {
            Compare-WithKubectlApply -Path $exampleFiles -Namespace $ns -KubectlNamespace $kns | Should -BeNullOrEmpty
        }

        It 'with no node labelled, the pods stay Pending: Unschedulable' {
            $pods = Wait-TestCondition -Because "3 helloworld pods in $ns marked Unschedulable by the scheduler" -Condition {
                $p = @(Get-TestPods $ns 'app=helloworld' | Where-Object {
                        $c = Get-PodCondition $_ 'PodScheduled'
                        $c -and $c['status'] -eq 'False' -and $c['reason'] -eq 'Unschedulable'
                    })
                if ($p.Count -ge 3) { , $p }
            }
            foreach ($p in $pods) {
                $p['status']['phase'] | Should -Be 'Pending'
                $p['spec'].ContainsKey('nodeName') | Should -BeFalse
                (Get-PodCondition $p 'PodScheduled')['message'] | Should -Match "node\(s\) didn't match (Pod's )?node (selector|affinity)"
            }
        }

        It 'once a node is labelled (Set-K8sNodeLabel, kubectl label nodes), every pod lands on it and runs' {
            Set-K8sNodeLabel $node @{ hardware = 'helloworld-only-node' } -ErrorAction Stop
            (Invoke-TestKubectl get node $node -Json)['metadata']['labels']['hardware'] | Should -Be 'helloworld-only-node'
            (Get-K8sNode -Selector hardware=helloworld-only-node).Name | Should -Be $node
            $pods = Wait-PodsRunning $ns 'app=helloworld' -Count 3
            @($pods | ForEach-Object { $_['spec']['nodeName'] } | Sort-Object -Unique) | Should -Be $node
            @($pods | ForEach-Object { $_['spec']['nodeSelector']['hardware'] } | Sort-Object -Unique) | Should -Be 'helloworld-only-node'
        }

        It 're-applying says unchanged' {
            $again = Invoke-ApplyCapture -Path $exampleFiles -Namespace $ns
            $again.Errors | Should -BeNullOrEmpty
            $again.Actions | Should -Be 'deployment.apps/helloworld-deployment unchanged'
        }

        It 'with the label removed, a restart''s new pods stay Pending and the scheduler''s event says why' {
            $running = @(Get-TestPods $ns 'app=helloworld' | ForEach-Object { $_['metadata']['name'] })
            Set-K8sNodeLabel $node -Remove hardware -ErrorAction Stop
            @((Invoke-TestKubectl get nodes -l hardware -Json)['items']) | Should -BeNullOrEmpty
            # A rollout restart, patched as kubectl rollout restart patches it (the pod template's restartedAt
            # annotation), until K8sPS's Restart-K8sRollout (another issue) takes its place here.
            $stamp = [DateTime]::UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'")
            $patch = @{ spec = @{ template = @{ metadata = @{ annotations = @{ 'kubectl.kubernetes.io/restartedAt' = $stamp } } } } } | ConvertTo-Json -Depth 6 -Compress
            $null = Invoke-TestKubectl -n $ns patch deployment helloworld-deployment --type strategic -p $patch
            $stuck = Wait-Unschedulable $ns 'app=helloworld'
            $stuck.Pod['metadata']['name'] | Should -Not -BeIn $running
            $stuck.Pod['status']['phase'] | Should -Be 'Pending'
            $stuck.Condition['message'] | Should -Match "0/3 nodes are available: 3 node\(s\) didn't match Pod's node affinity"
            $stuck.Event['type'] | Should -Be 'Warning'
            $stuck.Event['source']['component'] | Should -Be 'default-scheduler'
            $stuck.Event['message'] | Should -Match "0/3 nodes are available: 3 node\(s\) didn't match Pod's node affinity"
            # the label only mattered when they were scheduled: the old pods still run on the node
            @(Get-TestPods $ns 'app=helloworld' | Where-Object { $_['metadata']['name'] -in $running -and $_['status']['phase'] -eq 'Running' }).Count | Should -Be 3
        }

        It 'removal by -Path leaves nothing' {
            Assert-ExampleRemoved $exampleFiles $ns
            Wait-TestCondition -Because "the helloworld pods in $ns to be gone" -Condition { @(Get-TestPods $ns 'app=helloworld').Count -eq 0 } | Should -BeTrue
        }
    }
}
