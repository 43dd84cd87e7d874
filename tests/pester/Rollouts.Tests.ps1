<#
    The rollout cmdlets on every kind kubectl supports them for (Deployments, StatefulSets, DaemonSets), by name,
    by kubectl's kind/name and from the pipeline; scale, pause and resume, restart; Edit-K8sResource when someone
    else changes the object while it is open; Wait-K8sCondition by selector and for delete; Get-K8sEvent for one
    object and -Watch streaming new events. kubectl looks at the result each time.
#>
BeforeDiscovery {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Assert-K8sTestEnvironment
}

Describe 'Rollout cmdlets on Deployments, StatefulSets and DaemonSets' {
    BeforeAll {
        Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
        Import-K8sTestModule
        $script:ns = New-TestNamespace -Prefix 'rollouts'
        $manifest = Join-Path $TestDrive 'workloads.yaml'
        Set-Content -LiteralPath $manifest -Value @'
apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: db
spec:
  serviceName: db
  replicas: 2
  selector:
    matchLabels: { app: db }
  template:
    metadata:
      labels: { app: db }
    spec:
      containers:
      - name: db
        image: postgres:15
---
apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: agent
spec:
  selector:
    matchLabels: { app: agent }
  template:
    metadata:
      labels: { app: agent }
    spec:
      containers:
      - name: agent
        image: busybox:1.35
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 2
  selector:
    matchLabels: { app: web }
  template:
    metadata:
      labels: { app: web }
    spec:
      containers:
      - name: web
        image: nginx:1.24
'@
        $null = Set-K8sResource -Path $manifest -Namespace $ns -ErrorAction Stop
        function script:Get-KubectlImage([string] $Kind, [string] $Name) { "$(Invoke-TestKubectl -n $ns get $Kind $Name -o 'jsonpath={.spec.template.spec.containers[0].image}')" }
        function script:Get-KubectlRevisions([string] $Kind, [string] $Name) {
            (@(Invoke-TestKubectl -n $ns rollout history "$Kind/$Name") | Where-Object { $_ -match '^\d+\s' } | ForEach-Object { ($_ -split '\s+')[0] }) -join ','
        }
    }

    AfterAll {
        Remove-TestNamespace $script:ns
    }

    It 'waits for each kind''s rollout, named by kubectl''s kind/name and piped in' {
        $results = @(Wait-K8sRollout statefulset/db, ds/agent, web -Namespace $ns -Timeout 2m)
        $results.Done | Should -Be @($true, $true, $true)
        $results[0].Message | Should -Match '^partitioned roll out complete: 2 new pods have been updated\.\.\.$|^statefulset rolling update complete 2 pods at revision'
        $results[1].Message | Should -Be 'daemon set "agent" successfully rolled out'
        $results[1].Message | Should -Be @(Invoke-TestKubectl -n $ns rollout status ds/agent --timeout=60s)[-1]
        (Get-K8sResource sts db -Namespace $ns | Wait-K8sRollout).Message | Should -Be $results[0].Message
    }

    It 'sets images, keeps history and undoes on a StatefulSet and a DaemonSet as kubectl does' {
        foreach ($t in @(@{ Kind = 'StatefulSet'; Name = 'db'; Image = 'postgres:16' }, @{ Kind = 'DaemonSet'; Name = 'agent'; Image = 'busybox:1.36' })) {
            $before = Get-KubectlImage $t.Kind $t.Name
            (Set-K8sImage -Kind $t.Kind $t.Name -Namespace $ns -Image @{ '*' = $t.Image }).Action | Should -Be 'image updated'
            $null = Wait-K8sRollout -Kind $t.Kind $t.Name -Namespace $ns -Timeout 2m
            Get-KubectlImage $t.Kind $t.Name | Should -Be $t.Image
            $history = @(Get-K8sRolloutHistory -Kind $t.Kind $t.Name -Namespace $ns)
            ($history.Revision -join ',') | Should -Be (Get-KubectlRevisions $t.Kind $t.Name)
            $history[-1].SourceKind | Should -Be 'ControllerRevision'
            $history[-1].Images.Image | Should -Be $t.Image
            (Undo-K8sRollout -Kind $t.Kind $t.Name -Namespace $ns).Action | Should -Be 'rolled back'
            Get-KubectlImage $t.Kind $t.Name | Should -Be $before
            ($history.Revision -join ',') | Should -Not -Be (Get-KubectlRevisions $t.Kind $t.Name)
        }
    }

    It 'restarts every kind: the template gets kubectl''s restartedAt annotation' {
        $changes = @(@('sts', 'ds', 'deploy') | ForEach-Object { Get-K8sResource $_ -Namespace $ns } | Restart-K8sRollout)
        ($changes | ForEach-Object ToString) | Should -Be @('statefulset.apps/db restarted', 'daemonset.apps/agent restarted', 'deployment.apps/web restarted')
        foreach ($k in 'sts/db', 'ds/agent', 'deploy/web') {
            $at = "$(Invoke-TestKubectl -n $ns get $k -o 'jsonpath={.spec.template.metadata.annotations.kubectl\.kubernetes\.io/restartedAt}')"
            [DateTimeOffset]::Parse($at) | Should -BeGreaterThan ([DateTimeOffset]::Now.AddMinutes(-2))
        }
    }

    It 'pauses and resumes a Deployment: a change made while paused rolls out only after resume' {
        (Suspend-K8sRollout web -Namespace $ns).ToString() | Should -Be 'deployment.apps/web paused'
        "$(Invoke-TestKubectl -n $ns get deploy web -o 'jsonpath={.spec.paused}')" | Should -Be 'true'
        $null = Set-K8sImage web -Namespace $ns -Image web=nginx:1.25
        $e = $null; Undo-K8sRollout web -Namespace $ns -ErrorVariable e -ErrorAction SilentlyContinue
        $e[0].FullyQualifiedErrorId | Should -Match '^DeploymentPaused,'
        (Resume-K8sRollout web -Namespace $ns).ToString() | Should -Be 'deployment.apps/web resumed'
        "$(Invoke-TestKubectl -n $ns get deploy web -o 'jsonpath={.spec.paused}')" | Should -BeNullOrEmpty
        (Wait-K8sRollout web -Namespace $ns -Timeout 2m).Done | Should -BeTrue
    }

    It 'scales a Deployment and a StatefulSet, by name and from the pipeline, with a precondition that holds' {
        (Set-K8sScale web -Namespace $ns -Replicas 3 -CurrentReplicas 2).ToString() | Should -Be 'deployment.apps/web scaled'
        (Get-K8sResource sts db -Namespace $ns | Scale-K8sResource -Replicas 1).ToString() | Should -Be 'statefulset.apps/db scaled'
        "$(Invoke-TestKubectl -n $ns get deploy web -o 'jsonpath={.spec.replicas}')" | Should -Be '3'
        "$(Invoke-TestKubectl -n $ns get sts db -o 'jsonpath={.spec.replicas}')" | Should -Be '1'
        $null = Wait-K8sCondition deploy web -Namespace $ns -For 'jsonpath={.status.readyReplicas}=3' -Timeout 2m
        $null = Wait-K8sCondition sts db -Namespace $ns -For 'jsonpath={.status.replicas}=1' -Timeout 2m
    }

    It 'an edit is carried to the new version when someone changed other fields while it was open' {
        $editor = Join-Path $TestDrive 'scale-then-edit.sh'
        Set-Content -LiteralPath $editor -Value @"
#!/bin/bash
# Under load kubectl's scale can meet a conflict with the controller's status writes: try again, as a user would.
for i in 1 2 3 4 5; do kubectl --kubeconfig "`$K8SPS_TEST_KUBECONFIG" --context "`$K8SPS_TEST_CONTEXT" -n $ns scale deployment/web --replicas=4 >/dev/null && break; sleep 1; done
sed -i 's|image: nginx:1.25|image: nginx:1.26|' "`$1"
"@
        chmod +x $editor
        $saved = $env:KUBE_EDITOR
        try { $env:KUBE_EDITOR = $editor; $change = Edit-K8sResource deploy web -Namespace $ns -Verbose 4>&1 } finally { $env:KUBE_EDITOR = $saved }
        @($change | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] -and $_.Message -match 'changed on the server meanwhile, in other fields' }).Count | Should -BeGreaterThan 0
        ($change | Where-Object { $_ -isnot [System.Management.Automation.VerboseRecord] }).ToString() | Should -Be 'deployment.apps/web edited'
        Get-KubectlImage deploy web | Should -Be 'nginx:1.26'
        "$(Invoke-TestKubectl -n $ns get deploy web -o 'jsonpath={.spec.replicas}')" | Should -Be '4'
    }

    It 'an edit is not carried over a change to a field it changed too: EditConflict names the field, the other change stays' {
        $editor = Join-Path $TestDrive 'set-image-then-edit.sh'
        Set-Content -LiteralPath $editor -Value @"
#!/bin/bash
kubectl --kubeconfig "`$K8SPS_TEST_KUBECONFIG" --context "`$K8SPS_TEST_CONTEXT" -n $ns set image deployment/web web=nginx:1.27 >/dev/null
sed -i 's|image: nginx:1.26|image: nginx:1.28|' "`$1"
"@
        chmod +x $editor
        $saved = $env:KUBE_EDITOR
        $e = $null
        try { $env:KUBE_EDITOR = $editor; $out = Edit-K8sResource deploy web -Namespace $ns -ErrorVariable e -ErrorAction SilentlyContinue } finally { $env:KUBE_EDITOR = $saved }
        $out | Should -BeNullOrEmpty
        $e[0].FullyQualifiedErrorId | Should -Match '^EditConflict,'
        $e[0].ToString() -match 'was changed on the server while you edited it, in a field you changed too: spec\.template\.spec\.containers; nothing was sent\. Your edit is saved in "(?<file>[^"]+)"' | Should -BeTrue -Because $e[0].ToString()
        Get-Content -Raw -LiteralPath $Matches.file | Should -Match 'image: nginx:1\.28'
        Remove-Item -LiteralPath $Matches.file
        Get-KubectlImage deploy web | Should -Be 'nginx:1.27'
    }

    It 'an edit by script block on a list of objects from the pipeline' {
        $changes = @(@('deploy', 'sts') | ForEach-Object { Get-K8sResource $_ -Namespace $ns } | Edit-K8sResource -ScriptBlock { $_.metadata | Add-Member -NotePropertyName labels -NotePropertyValue ([pscustomobject]@{ edited = 'yes' }) -Force })
        ($changes | ForEach-Object ToString) | Should -Be @('deployment.apps/web edited', 'statefulset.apps/db edited')
        "$(Invoke-TestKubectl -n $ns get sts db -o 'jsonpath={.metadata.labels.edited}')" | Should -Be 'yes'
    }

    It 'waits by selector for every matching object, and for delete' {
        # The edits above started rollouts: wait until only the new pods are left, so the set compared stands still.
        $null = Wait-K8sRollout web -Namespace $ns -Timeout 2m
        $want = [int]"$(Invoke-TestKubectl -n $ns get deploy web -o 'jsonpath={.spec.replicas}')"
        $deadline = [DateTime]::UtcNow.AddMinutes(2)
        while (@((Invoke-TestKubectl -n $ns get pods -l app=web -Json)['items']).Count -ne $want -and [DateTime]::UtcNow -lt $deadline) { Start-Sleep -Milliseconds 500 }
        $met = @(Wait-K8sCondition pod -Selector app=web -Namespace $ns -For condition=Ready -Timeout 2m)
        $met.Count | Should -Be $want
        $met[0].ToString() | Should -Match '^pod/web-\S+ condition met$'
        $victim = $met[0].Name
        $null = Invoke-TestKubectl -n $ns delete pod $victim --wait=false
        (Wait-K8sCondition pod $victim -Namespace $ns -For delete -Timeout 2m).Observed | Should -Match '^the object is gone$|deleted and created again'
        Invoke-TestKubectl -n $ns get pod $victim -AllowFailure | Should -Match 'NotFound'
        $e = $null; Wait-K8sCondition pod -Selector app=nothing -Namespace $ns -For condition=Ready -ErrorVariable e -ErrorAction SilentlyContinue
        $e[0].FullyQualifiedErrorId | Should -Match '^NoMatchingResources,'
    }

    It 'events for one object are kubectl events --for, and -Watch streams new ones' {
        $null = Wait-K8sRollout web -Namespace $ns -Timeout 2m
        $ours = @(Get-K8sEvent -For deploy/web -Namespace $ns)
        $theirs = @((Invoke-TestKubectl -n $ns get events --field-selector 'involvedObject.kind=Deployment,involvedObject.name=web' -Json)['items'])
        $ours.Count | Should -BeGreaterThan 0
        $theirUids = @($theirs | ForEach-Object { $_['metadata']['uid'] })
        foreach ($uid in $ours.Event.Metadata.Uid) { $uid | Should -BeIn $theirUids }
        $ours.Object | Select-Object -Unique | Should -Be 'Deployment/web'
        (Get-K8sDeployment web -Namespace $ns | Get-K8sEvent).Count | Should -BeGreaterOrEqual $ours.Count
        ($ours | Out-String) | Should -Match 'LAST SEEN\s+TYPE\s+REASON\s+OBJECT\s+MESSAGE'
        (Get-K8sEvent -AllNamespaces | Select-Object -First 1 | Out-String) | Should -Match 'NAMESPACE\s+LAST SEEN'

        $ps = [powershell]::Create()
        try {
            $null = $ps.AddScript("Import-Module '$env:K8SPS_TEST_MODULE'; Get-K8sEvent -For deploy/web -Namespace $ns -Watch")
            $output = [System.Management.Automation.PSDataCollection[psobject]]::new()
            $null = $ps.BeginInvoke([System.Management.Automation.PSDataCollection[psobject]]::new(), $output)
            Wait-TestCondition -TimeoutSeconds 60 -Because 'the events there are' -Condition { $output.Count -ge $ours.Count }
            $null = Set-K8sScale web -Namespace $ns -Replicas 1
            # Enumerating an open PSDataCollection blocks until it is closed: read it by index instead.
            Wait-TestCondition -TimeoutSeconds 60 -Because 'the scaling event, streamed' -Condition {
                $seen = @(for ($i = 0; $i -lt $output.Count; $i++) { $output[$i] })
                @($seen | Where-Object Message -Match 'Scaled down replica set web-\S+ to 1').Count -gt 0
            }
            $ps.Stop()
        } finally { $ps.Dispose() }
    }
}
