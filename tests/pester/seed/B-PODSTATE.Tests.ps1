<#
    B-PODSTATE (kubernetes-notes.md lines 734-747): the pod phases (Running, Pending, Succeeded, Failed, Unknown) and
    conditions (PodScheduled, Initialized, ContainersReady, Ready). Each phase is reached on the local cluster and
    asserted with its conditions and reasons, as kubectl and Get-K8sPod show them:
    - Pending: unschedulable (a nodeSelector no node has: the real scheduler's PodScheduled False Unschedulable),
      and waiting for an image (the notes' `lastest` tag, declared missing in the simulator's image catalog
      kube-system/k8sps-simulator: ErrImagePull, then ImagePullBackOff);
    - Running: every condition True;
    - Succeeded and Failed: restartPolicy Never, the container exits 0 (its command) or 2 (sim.k8sps.io/exit-code);
    - Unknown: a node whose simulated kubelet stops heartbeating (sim.k8sps.io/heartbeat: stopped): the node
      lifecycle controller marks its Ready condition Unknown (NodeStatusUnknown) and its pods' Ready False. Kubernetes
      1.20 leaves such a pod's phase Running (it sets phase Unknown nowhere), so "Unknown" is the node's status the
      pod's state follows. The node is brought back (heartbeat restored, taints gone) for the scenarios after this one.
#>
BeforeDiscovery {
    Import-Module (Join-Path $PSScriptRoot '../TestHelpers.psm1') -Force
    Assert-K8sTestEnvironment
}

Describe 'B-PODSTATE pod phases and conditions' {
    BeforeAll {
        Import-Module (Join-Path $PSScriptRoot '../TestHelpers.psm1') -Force
        Import-K8sTestModule
        Import-Module (Join-Path $PSScriptRoot 'NotesScenarios.psm1') -Force
        Import-Module (Join-Path $PSScriptRoot 'PodScenarios.psm1') -Force
        $script:ns = New-TestNamespace -Prefix 'b-podstate'

        # The image catalog: kept as it was (or absent) for whoever comes next.
        $script:catalog = Invoke-TestKubectl -n kube-system get configmap k8sps-simulator -Json -AllowFailure
        if ($catalog -isnot [hashtable]) { $script:catalog = $null }
        $missing = "*:lastest"
        if ($catalog -and $catalog['data'] -and $catalog['data']['missing-images']) { $missing = $catalog['data']['missing-images'] + "`n*:lastest" }
        $file = Join-Path $TestDrive 'catalog.yaml'
        @{ apiVersion = 'v1'; kind = 'ConfigMap'; metadata = @{ name = 'k8sps-simulator'; namespace = 'kube-system' }; data = @{ 'missing-images' = $missing } } |
            ConvertTo-Json -Depth 5 | Set-Content -LiteralPath $file
        $null = Invoke-TestKubectl apply -f $file
        # The simulator takes the catalog as it is when it first sees a pod: let its watch deliver the change first.
        Start-Sleep -Seconds 2

        function script:Pod([string] $Name) { Invoke-TestKubectl -n $ns get pod $Name -Json }
        function script:Reason([hashtable] $Pod, [string] $Type) { $c = Get-PodCondition $Pod $Type; "$($c['status'])/$(if ($c.ContainsKey('reason')) { $c['reason'] })" }
        # Get-K8sPod's STATUS column beside kubectl get pods' for one pod, read while kubectl's agrees with itself.
        function script:Assert-StatusAgrees([string] $Name, [string] $Expected) {
            $rows = Get-StablePodRows $ns "podstate=$Name"
            $rows.Kubectl.Status | Should -Be $Expected
            $rows.K8sPS.Status | Should -Be $Expected
            $rows.K8sPS.Ready | Should -Be $rows.Kubectl.Ready
        }

        $manifest = @"
apiVersion: v1
kind: Pod
metadata: { name: unschedulable, labels: { podstate: unschedulable } }
spec:
  nodeSelector: { k8sps.io/no-such-node: "x" }
  containers: [ { name: app, image: nginx:1.25 } ]
---
apiVersion: v1
kind: Pod
metadata: { name: lastest, labels: { podstate: lastest } }
spec:
  containers: [ { name: app, image: my-docker-hub/app:lastest } ]
---
apiVersion: v1
kind: Pod
metadata: { name: running, labels: { podstate: running } }
spec:
  containers: [ { name: app, image: nginx:1.25 } ]
---
apiVersion: v1
kind: Pod
metadata: { name: succeeded, labels: { podstate: succeeded } }
spec:
  restartPolicy: Never
  containers: [ { name: job, image: busybox, command: ['sh', '-c', 'echo "work done"; exit 0'] } ]
---
apiVersion: v1
kind: Pod
metadata:
  name: failed
  labels: { podstate: failed }
  annotations: { sim.k8sps.io/exit-code: "2", sim.k8sps.io/log: "error: input file missing" }
spec:
  restartPolicy: Never
  containers: [ { name: job, image: busybox } ]
"@
        $podsFile = Join-Path $TestDrive 'pods.yaml'
        Set-Content -LiteralPath $podsFile -Value $manifest
        $null = Invoke-TestKubectl -n $ns apply -f $podsFile
    }

    AfterAll {
        if ($script:stoppedNode) { $null = Invoke-TestKubectl annotate node $script:stoppedNode sim.k8sps.io/heartbeat- -AllowFailure }
        if ($script:catalog) {
            $restore = Join-Path $TestDrive 'catalog-restore.yaml'
            @{ apiVersion = 'v1'; kind = 'ConfigMap'; metadata = @{ name = 'k8sps-simulator'; namespace = 'kube-system' }; data = $script:catalog['data'] } |
                ConvertTo-Json -Depth 5 | Set-Content -LiteralPath $restore
            $null = Invoke-TestKubectl replace -f $restore -AllowFailure
        }
        else { $null = Invoke-TestKubectl -n kube-system delete configmap k8sps-simulator --ignore-not-found }
        Remove-TestNamespace $script:ns
    }

    It 'Pending, unschedulable: PodScheduled False (Unschedulable) with the scheduler''s event' {
        $u = Wait-Unschedulable $ns 'podstate=unschedulable'
        $u.Pod['status']['phase'] | Should -Be 'Pending'
        $u.Condition['message'] | Should -Match "didn't match (Pod's )?node (selector|affinity)"
        Assert-StatusAgrees unschedulable 'Pending'
        Get-K8sPod unschedulable -Namespace $ns | Should -HaveK8sCondition PodScheduled -Status False
    }

    It 'Pending, waiting for an image: the notes'' `lastest` tag is missing, ErrImagePull then ImagePullBackOff' {
        $pod = Wait-TestCondition -Because 'lastest waits in ImagePullBackOff' -Condition {
            $p = Pod lastest
            if ($p['status'].ContainsKey('containerStatuses') -and $p['status']['containerStatuses'][0]['state']['waiting']['reason'] -eq 'ImagePullBackOff') { $p }
        }
        $pod['status']['phase'] | Should -Be 'Pending'
        $pod['status']['containerStatuses'][0]['state']['waiting']['message'] | Should -Be 'Back-off pulling image "my-docker-hub/app:lastest"'
        Reason $pod 'PodScheduled' | Should -Be 'True/'
        Reason $pod 'Initialized' | Should -Be 'True/'
        Reason $pod 'ContainersReady' | Should -Be 'False/ContainersNotReady'
        Reason $pod 'Ready' | Should -Be 'False/ContainersNotReady'
        $events = @(Get-K8sEvent -For pod/lastest -Namespace $ns)
        $failed = @($events | Where-Object { $_.Reason -eq 'Failed' -and $_.Message -like 'Failed to pull image*' })[0]
        $failed.Message | Should -BeLike 'Failed to pull image "my-docker-hub/app:lastest": rpc error: code = NotFound desc = failed to pull and unpack image "docker.io/my-docker-hub/app:lastest"*not found'
        $events.Message | Should -Contain 'Error: ErrImagePull'
        $events.Reason | Should -Contain 'BackOff'
        $rows = Wait-TestCondition -Because 'kubectl get pods shows lastest in ImagePullBackOff' -Condition {
            $r = Get-StablePodRows $ns 'podstate=lastest'
            if ($r.Kubectl.Status -eq 'ImagePullBackOff') { $r }
        }
        $rows.K8sPS.Status | Should -Be 'ImagePullBackOff'
    }

    It 'Running: PodScheduled, Initialized, ContainersReady and Ready all True' {
        Get-K8sPod running -Namespace $ns | Should -BeK8sReady -Within 60
        $pod = Pod running
        $pod['status']['phase'] | Should -Be 'Running'
        foreach ($type in 'PodScheduled', 'Initialized', 'ContainersReady', 'Ready') { Reason $pod $type | Should -Be 'True/' }
        Assert-StatusAgrees running 'Running'
    }

    It 'Succeeded: the container exited 0 under restartPolicy Never; Ready False (PodCompleted), kubectl''s Completed' {
        $pod = Wait-TestCondition -Because 'succeeded reaches phase Succeeded' -Condition { $p = Pod succeeded; if ($p['status']['phase'] -eq 'Succeeded') { $p } }
        $terminated = $pod['status']['containerStatuses'][0]['state']['terminated']
        $terminated['exitCode'] | Should -Be 0
        $terminated['reason'] | Should -Be 'Completed'
        Reason $pod 'Initialized' | Should -Be 'True/PodCompleted'
        Reason $pod 'ContainersReady' | Should -Be 'False/PodCompleted'
        Reason $pod 'Ready' | Should -Be 'False/PodCompleted'
        Assert-StatusAgrees succeeded 'Completed'
        Get-K8sPodLog succeeded -Namespace $ns | Should -Contain 'work done'
    }

    It 'Failed: the container exited 2 under restartPolicy Never; kubectl''s Error, the reason in the log' {
        $pod = Wait-TestCondition -Because 'failed reaches phase Failed' -Condition { $p = Pod failed; if ($p['status']['phase'] -eq 'Failed') { $p } }
        $terminated = $pod['status']['containerStatuses'][0]['state']['terminated']
        $terminated['exitCode'] | Should -Be 2
        $terminated['reason'] | Should -Be 'Error'
        # The kubelet's PodCompleted is for Succeeded only; a failed pod's containers are simply not ready.
        Reason $pod 'ContainersReady' | Should -Be 'False/ContainersNotReady'
        Reason $pod 'Ready' | Should -Be 'False/ContainersNotReady'
        (Get-PodCondition $pod 'Ready')['message'] | Should -Be 'containers with unready status: [job]'
        $pod['status']['containerStatuses'][0]['restartCount'] | Should -Be 0
        Assert-StatusAgrees failed 'Error'
        $log = @(Get-K8sPodLog failed -Namespace $ns)
        $log | Should -Contain 'error: input file missing'
        $log[-1] | Should -Be '[k8sps-sim] container job exited with code 2'
        $log | Should -Be @(Invoke-TestKubectl -n $ns logs failed)
    }

    It 'Unknown: a node that stops heartbeating turns Unknown (NodeStatusUnknown) and its pod''s Ready goes False; back, it is Ready again' {
        $node = @((Invoke-TestKubectl get nodes -Json)['items'] | ForEach-Object { $_['metadata']['name'] } | Sort-Object)[-1]
        $file = Join-Path $TestDrive 'pinned.yaml'
        Set-Content -LiteralPath $file -Value @"
apiVersion: v1
kind: Pod
metadata: { name: pinned, labels: { podstate: pinned } }
spec:
  nodeName: $node
  containers: [ { name: app, image: nginx:1.25 } ]
"@
        $null = Invoke-TestKubectl -n $ns apply -f $file
        Get-K8sPod pinned -Namespace $ns | Should -BeK8sReady -Within 60

        $script:stoppedNode = $node
        $null = Invoke-TestKubectl annotate node $node sim.k8sps.io/heartbeat=stopped
        $nodeReady = Wait-TestCondition -TimeoutSeconds 120 -Because "node $node's Ready condition turns Unknown" -Condition {
            $c = @((Invoke-TestKubectl get node $node -Json)['status']['conditions'] | Where-Object { $_['type'] -eq 'Ready' })[0]
            if ($c['status'] -eq 'Unknown') { $c }
        }
        $nodeReady['reason'] | Should -Be 'NodeStatusUnknown'
        $nodeReady['message'] | Should -Be 'Kubelet stopped posting node status.'
        (-split "$(Invoke-TestKubectl get node $node --no-headers)")[1] | Should -Be 'NotReady'
        $pod = Wait-TestCondition -Because "pinned's Ready turns False after its node is lost" -Condition {
            $p = Pod pinned
            if ($p -is [hashtable] -and (Get-PodCondition $p 'Ready')['status'] -eq 'False') { $p }
        }
        $pod['status']['phase'] | Should -Be 'Running' -Because 'Kubernetes 1.20 leaves the phase of a lost node''s pod as it was'
        Get-K8sPod pinned -Namespace $ns | Should -HaveK8sCondition Ready -Status False
        $taints = @((Invoke-TestKubectl get node $node -Json)['spec']['taints'] | ForEach-Object { $_['key'] })
        $taints | Should -Contain 'node.kubernetes.io/unreachable'

        $null = Invoke-TestKubectl annotate node $node sim.k8sps.io/heartbeat-
        $script:stoppedNode = $null
        Wait-TestCondition -TimeoutSeconds 90 -Because "node $node reports Ready again" -Condition {
            @((Invoke-TestKubectl get node $node -Json)['status']['conditions'] | Where-Object { $_['type'] -eq 'Ready' -and $_['status'] -eq 'True' }).Count -eq 1
        } | Should -BeTrue
        (-split "$(Invoke-TestKubectl get node $node --no-headers)")[1] | Should -Be 'Ready'
        Wait-TestCondition -TimeoutSeconds 90 -Because "node $node loses its unreachable and not-ready taints" -Condition {
            $n = Invoke-TestKubectl get node $node -Json
            -not $n['spec'].ContainsKey('taints') -or @($n['spec']['taints'] | Where-Object { $_['key'] -like 'node.kubernetes.io/*' }).Count -eq 0
        } | Should -BeTrue
    }
}
