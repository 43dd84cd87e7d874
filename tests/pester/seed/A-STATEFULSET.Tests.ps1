<#
    A-STATEFULSET (kubernetes-notes.md lines 1201-1242): a StatefulSet my-app of three replicas with a claim
    template my-storage (1Gi, ReadWriteOnce, no class: the default one). Nothing is wrong in the notes (line
    1213); examples/A-STATEFULSET adds the headless service my-app that serviceName names. What a user checks:
    pods my-app-0, -1, -2 created in order, each one only once the one before it was Ready (the default
    OrderedReady policy), and each claim my-storage-my-app-N bound through the `standard` class; Get-K8sStatefulSet
    and Get-K8sPersistentVolumeClaim read as kubectl; a deleted pod comes back with the same name and the same claim;
    scaling down removes the highest ordinal first and keeps the claims.
#>
BeforeDiscovery {
    Import-Module (Join-Path $PSScriptRoot '../TestHelpers.psm1') -Force
    Assert-K8sTestEnvironment
}

Describe 'A-STATEFULSET StatefulSet with volumeClaimTemplates' {
    BeforeAll {
        Import-Module (Join-Path $PSScriptRoot '../TestHelpers.psm1') -Force
        Import-K8sTestModule
        Import-Module (Join-Path $PSScriptRoot 'ManifestScenarios.psm1') -Force
        Import-Module (Join-Path $PSScriptRoot 'NotesScenarios.psm1') -Force
        $script:ns = New-TestNamespace -Prefix 'a-statefulset'
        $script:kns = New-TestNamespace -Prefix 'a-statefulset-kubectl'
        $script:example = Get-ExampleFolder 'A-STATEFULSET'
        $script:exampleFiles = @(Get-ChildItem $example -Filter *.yaml | ForEach-Object FullName)
        $script:created = @('service/my-app created', 'statefulset.apps/my-app created') | Sort-Object
    }

    AfterAll {
        # The claims of a StatefulSet outlive it (as in Kubernetes); the namespaces take them with them.
        Remove-TestNamespace $script:ns
        Remove-TestNamespace $script:kns
    }

    Context 'the notes as written' {
        It 'lint finds nothing' {
            Test-K8sManifest -Path (Get-NotesYaml A-STATEFULSET 1213) | Should -BeNullOrEmpty
        }
    }

    Context 'the corrected copy (examples/A-STATEFULSET)' {
        BeforeAll {
            $script:first = Invoke-ApplyCapture -Path $exampleFiles -Namespace $ns
        }

        It 'applies: every object created, no errors, no warnings' {
            $first.Errors | Should -BeNullOrEmpty
            $first.Warnings | Should -BeNullOrEmpty
            $first.Actions | Sort-Object | Should -Be $created
        }

        It 'makes on the server what kubectl apply makes of the same files' {
            Compare-WithKubectlApply -Path $exampleFiles -Namespace $ns -KubectlNamespace $kns | Should -BeNullOrEmpty
        }

        It 'creates my-app-0, -1, -2 in order, each after the one before it was Ready' {
            $pods = Wait-PodsReady $ns 'app=my-app' -Count 3
            $byName = @{}; foreach ($p in $pods) { $byName[$p['metadata']['name']] = $p }
            @($byName.Keys | Sort-Object) | Should -Be @('my-app-0', 'my-app-1', 'my-app-2')
            for ($i = 1; $i -lt 3; $i++) {
                $before = $byName["my-app-$($i - 1)"]; $pod = $byName["my-app-$i"]
                $readyBefore = [DateTimeOffset]::Parse("$((Get-PodCondition $before 'Ready')['lastTransitionTime'])")
                $createdAt = [DateTimeOffset]::Parse("$($pod['metadata']['creationTimestamp'])")
                $createdAt | Should -BeGreaterOrEqual $readyBefore -Because "my-app-$i (created $createdAt) must come after my-app-$($i - 1) was Ready ($readyBefore)"
            }
        }

        It 'binds each pod''s claim through the standard class' {
            foreach ($i in 0..2) {
                $claim = "my-storage-my-app-$i"
                $pvc = Wait-TestCondition -Because "$claim Bound in $ns" -Condition {
                    $c = Invoke-TestKubectl -n $ns get pvc $claim -Json -AllowFailure
                    if ($c -is [hashtable] -and $c['status']['phase'] -eq 'Bound') { $c }
                }
                $pvc['spec']['storageClassName'] | Should -Be 'standard'
                $pvc['spec']['resources']['requests']['storage'] | Should -Be '1Gi'
                $pv = Invoke-TestKubectl get pv $pvc['spec']['volumeName'] -Json
                $pv['spec']['storageClassName'] | Should -Be 'standard'
                $pv['spec']['claimRef']['name'] | Should -Be $claim
                $pv['spec']['claimRef']['namespace'] | Should -Be $ns
                $pod = Invoke-TestKubectl -n $ns get pod "my-app-$i" -Json
                @($pod['spec']['volumes'] | Where-Object { $_['name'] -eq 'my-storage' })[0]['persistentVolumeClaim']['claimName'] | Should -Be $claim
            }
        }

        It 'Get-K8sStatefulSet and Get-K8sPersistentVolumeClaim read as kubectl get statefulset and pvc' {
            $sts = Get-K8sStatefulSet my-app -Namespace $ns -ErrorAction Stop
            $sts.Ready | Should -Be (($(Invoke-TestKubectl -n $ns get statefulset my-app --no-headers) -split '\s+')[1])
            $sts.Ready | Should -Be '3/3'
            $claims = @(Get-K8sPersistentVolumeClaim -Namespace $ns -Selector app=my-app -ErrorAction Stop)
            @($claims.Name | Sort-Object) | Should -Be @('my-storage-my-app-0', 'my-storage-my-app-1', 'my-storage-my-app-2')
            @($claims | Where-Object State -eq 'Bound').Count | Should -Be 3
            foreach ($c in $claims) {
                $row = @(Invoke-TestKubectl -n $ns get pvc $c.Name --no-headers) -split '\s+'
                @($c.Name, $c.State, $c.Volume, $c.Capacity, $c.AccessModes, $c.StorageClass) | Should -Be $row[0..5]
            }
        }

        It 'a deleted pod comes back with the same name and the same claim' {
            $before = Invoke-TestKubectl -n $ns get pod my-app-1 -Json
            $claim = Invoke-TestKubectl -n $ns get pvc my-storage-my-app-1 -Json
            Remove-K8sPod my-app-1 -Namespace $ns -ErrorAction Stop
            $after = Wait-TestCondition -Because "my-app-1 in $ns to come back as a new pod, Ready" -Condition {
                $p = Invoke-TestKubectl -n $ns get pod my-app-1 -Json -AllowFailure
                # A new pod is scheduled (PodScheduled) before it has a Ready condition at all.
                $ready = if ($p -is [hashtable] -and $p['metadata']['uid'] -ne $before['metadata']['uid']) { Get-PodCondition $p 'Ready' }
                if ($ready -and $ready['status'] -eq 'True') { $p }
            }
            @($after['spec']['volumes'] | Where-Object { $_['name'] -eq 'my-storage' })[0]['persistentVolumeClaim']['claimName'] | Should -Be 'my-storage-my-app-1'
            $again = Invoke-TestKubectl -n $ns get pvc my-storage-my-app-1 -Json
            $again['metadata']['uid'] | Should -Be $claim['metadata']['uid'] -Because 'the claim is the same object, not a new one'
            $again['spec']['volumeName'] | Should -Be $claim['spec']['volumeName']
            $after['spec']['hostname'] | Should -Be 'my-app-1'
        }

        It 're-applying says unchanged' {
            $again = Invoke-ApplyCapture -Path $exampleFiles -Namespace $ns
            $again.Errors | Should -BeNullOrEmpty
            $again.Actions | Sort-Object | Should -Be ($created -replace ' created$', ' unchanged')
        }

        It 'scaling down removes the highest ordinal first, one at a time, and keeps the claims' {
            $null = Invoke-TestKubectl -n $ns scale statefulset my-app --replicas=1
            # Snapshots until only my-app-0 is left: no snapshot may show my-app-1 going (or gone) while my-app-2 is still there.
            $snapshots = [Collections.Generic.List[string]]::new()
            $null = Wait-TestCondition -Because "my-app to scale down to my-app-0 in $ns" -Condition {
                $pods = @(Get-TestPods $ns 'app=my-app')
                $state = @($pods | Sort-Object { $_['metadata']['name'] } | ForEach-Object {
                        $_['metadata']['name'] + $(if ($_['metadata']['deletionTimestamp']) { ':terminating' } else { '' }) })
                $snapshots.Add($state -join ',')
                $state.Count -eq 1 -and $state[0] -eq 'my-app-0'
            }
            foreach ($snap in $snapshots) {
                $names = $snap -split ','
                $oneGoing = -not ($names -contains 'my-app-1')
                $oneGoing = $oneGoing -or ($names -contains 'my-app-1:terminating')
                if ($oneGoing -and ($names | Where-Object { $_ -like 'my-app-2*' })) { throw "my-app-1 went before my-app-2 was gone: $snap" }
            }
            @((Invoke-TestKubectl -n $ns get pvc -l app=my-app -Json)['items']).Count | Should -Be 3
            (Get-K8sStatefulSet my-app -Namespace $ns).Ready | Should -Be '1/1'
        }

        It 'removal by -Path leaves nothing' {
            Assert-ExampleRemoved $exampleFiles $ns
            Wait-TestCondition -Because "the my-app pods in $ns to be gone" -Condition { @(Get-TestPods $ns 'app=my-app').Count -eq 0 } | Should -BeTrue
        }

        It 'leaves the claims, as kubectl delete -f does; removing them by selector frees their volumes' {
            # The claims are not in the files: the StatefulSet controller made them and Kubernetes keeps them.
            $claims = @((Invoke-TestKubectl -n $ns get pvc -l app=my-app -Json)['items'] | ForEach-Object { $_['metadata']['name'] } | Sort-Object)
            $claims | Should -Be @('my-storage-my-app-0', 'my-storage-my-app-1', 'my-storage-my-app-2')
            $volumes = @((Invoke-TestKubectl -n $ns get pvc -l app=my-app -Json)['items'] | ForEach-Object { $_['spec']['volumeName'] })
            Remove-K8sResource pvc -Selector app=my-app -Namespace $ns -Wait -ErrorAction Stop
            @((Invoke-TestKubectl -n $ns get pvc -Json)['items']) | Should -BeNullOrEmpty
            # The standard class deletes a released volume (reclaim policy Delete).
            Wait-TestCondition -Because "the volumes $($volumes -join ', ') to be deleted" -Condition {
                -not @($volumes | Where-Object { "$(Invoke-TestKubectl get pv $_ -o name -AllowFailure)" -notmatch 'NotFound|not found' })
            } | Should -BeTrue
        }
    }
}
