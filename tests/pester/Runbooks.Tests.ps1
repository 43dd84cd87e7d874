<#
    The runbooks of examples/runbooks against the local cluster, each in a throwaway namespace: the blue-green switch
    (switched when green is Ready, rolled back when green never becomes Ready: a readiness probe the simulator fails),
    the secret rotation (values replaced, exactly the workloads whose pods read it restarted), the node maintenance
    (drained and cordoned while the script block runs, schedulable again after, also when the script block throws),
    and the namespace report (objects and Markdown, with the reason of what is not Ready). -WhatIf changes nothing.
    What the cluster holds is read with kubectl, not with the cmdlets the runbooks use.
#>
BeforeDiscovery {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Assert-K8sTestEnvironment
}

Describe 'Runbooks' {
    BeforeAll {
        Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
        Import-K8sTestModule
        $script:runbooks = Join-Path $PSScriptRoot '../../examples/runbooks'

        # A Deployment of app=web at one version, with a readiness probe the simulator can be told to fail.
        function New-WebVersion([string] $Namespace, [string] $Version, [switch] $NeverReady) {
            $annotations = if ($NeverReady) { "annotations: { sim.k8sps.io/readiness-fails-after: '0s' }" } else { 'annotations: {}' }
            $yaml = @"
apiVersion: apps/v1
kind: Deployment
metadata: { name: web-$Version }
spec:
  replicas: 2
  selector: { matchLabels: { app: web, version: $Version } }
  template:
    metadata:
      labels: { app: web, version: $Version }
      $annotations
    spec:
      containers:
      - name: web
        image: nginx:1.25
        readinessProbe: { httpGet: { path: /, port: 80 }, periodSeconds: 1, failureThreshold: 1 }
"@
            $file = Join-Path $TestDrive "web-$Version-$Namespace.yaml"
            $yaml | Set-Content -LiteralPath $file
            $null = Invoke-TestKubectl apply -n $Namespace -f $file
        }
        function Get-Selector([string] $Namespace) { Invoke-TestKubectl -n $Namespace get service web -o 'jsonpath={.spec.selector.version}' }
        function Set-Selector([string] $Namespace, [string] $Version) {
            $null = Invoke-TestKubectl -n $Namespace patch service web -p "{`"spec`":{`"selector`":{`"version`":`"$Version`"}}}"
        }
    }

    Context 'Switch-BlueGreen' {
        BeforeAll {
            $script:ns = New-TestNamespace -Prefix 'bluegreen'
            New-WebVersion $ns blue
            New-WebVersion $ns green
            $null = Invoke-TestKubectl -n $ns create service clusterip web --tcp=80:80
            $null = Invoke-TestKubectl -n $ns set selector service web 'app=web,version=blue'
            $null = Invoke-TestKubectl -n $ns rollout status deployment/web-blue --timeout=120s
            $null = Invoke-TestKubectl -n $ns rollout status deployment/web-green --timeout=120s
        }
        AfterAll { Remove-TestNamespace $script:ns }

        It 'with -WhatIf changes nothing' {
            $before = Invoke-TestKubectl -n $ns get service web -o 'jsonpath={.metadata.resourceVersion}'
            $result = & "$runbooks/Switch-BlueGreen.ps1" -Service web -Namespace $ns -WhatIf
            $result.Switched | Should -BeFalse
            Get-Selector $ns | Should -Be 'blue'
            Invoke-TestKubectl -n $ns get service web -o 'jsonpath={.metadata.resourceVersion}' | Should -Be $before
        }

        It 'switches the service to green when green is Ready' {
            $result = & "$runbooks/Switch-BlueGreen.ps1" -Service web -Namespace $ns -TimeoutSeconds 90
            $result.Switched | Should -BeTrue
            $result.RolledBack | Should -BeFalse
            Get-Selector $ns | Should -Be 'green'
            $pods = @((Invoke-TestKubectl -n $ns get endpoints web -Json).subsets.addresses.targetRef.name)
            $pods.Count | Should -Be 2
            $pods | ForEach-Object { $_ | Should -BeLike 'web-green-*' }
        }

        It 'rolls back to blue, saying why, when green never becomes Ready' {
            Set-Selector $ns blue
            $null = Invoke-TestKubectl -n $ns delete deployment web-green --wait=true
            New-WebVersion $ns green -NeverReady
            $result = & "$runbooks/Switch-BlueGreen.ps1" -Service web -Namespace $ns -TimeoutSeconds 10 -ErrorAction SilentlyContinue -ErrorVariable failure
            $result.Switched | Should -BeTrue
            $result.RolledBack | Should -BeTrue
            Get-Selector $ns | Should -Be 'blue'
            # -ErrorVariable also holds the errors the runbook caught itself (the rollout's timeout): the rollback's is one.
            $rollback = @($failure | Where-Object FullyQualifiedErrorId -Like 'BlueGreenRolledBack*')
            $rollback | Should -HaveCount 1
            # The reason is the cluster's: green's pods are not ready (the simulator fails their probe).
            "$($rollback[0])" | Should -Match 'web-green'
            "$($rollback[0])" | Should -Match 'ready'
            $blue = @((Invoke-TestKubectl -n $ns get endpoints web -Json).subsets.addresses.targetRef.name)
            $blue | ForEach-Object { $_ | Should -BeLike 'web-blue-*' }
        }
    }

    Context 'Update-SecretAndRestart' {
        BeforeAll {
            $script:ns = New-TestNamespace -Prefix 'rotate'
            $null = Invoke-TestKubectl -n $ns create secret generic app-secret --from-literal=password=old
            $yaml = @'
apiVersion: apps/v1
kind: Deployment
metadata: { name: uses-env }
spec:
  selector: { matchLabels: { app: uses-env } }
  template:
    metadata: { labels: { app: uses-env } }
    spec:
      containers:
      - name: app
        image: nginx:1.25
        env: [{ name: PASSWORD, valueFrom: { secretKeyRef: { name: app-secret, key: password } } }]
---
apiVersion: apps/v1
kind: Deployment
metadata: { name: uses-volume }
spec:
  selector: { matchLabels: { app: uses-volume } }
  template:
    metadata: { labels: { app: uses-volume } }
    spec:
      containers: [{ name: app, image: nginx:1.25, volumeMounts: [{ name: s, mountPath: /etc/secret }] }]
      volumes: [{ name: s, secret: { secretName: app-secret } }]
---
apiVersion: apps/v1
kind: Deployment
metadata: { name: unrelated }
spec:
  selector: { matchLabels: { app: unrelated } }
  template:
    metadata: { labels: { app: unrelated } }
    spec:
      containers: [{ name: app, image: nginx:1.25 }]
'@
            $file = Join-Path $TestDrive "rotate.yaml"
            $yaml | Set-Content -LiteralPath $file
            $null = Invoke-TestKubectl -n $ns apply -f $file
            foreach ($d in 'uses-env', 'uses-volume', 'unrelated') { $null = Invoke-TestKubectl -n $ns rollout status "deployment/$d" --timeout=120s }
            function Get-Password { [Text.Encoding]::UTF8.GetString([Convert]::FromBase64String((Invoke-TestKubectl -n $ns get secret app-secret -o 'jsonpath={.data.password}'))) }
            function Get-RestartedAt([string] $Deployment) {
                Invoke-TestKubectl -n $ns get deployment $Deployment -o 'jsonpath={.spec.template.metadata.annotations.kubectl\.kubernetes\.io/restartedAt}'
            }
        }
        AfterAll { Remove-TestNamespace $script:ns }

        It 'with -WhatIf changes neither the secret nor a deployment' {
            $generations = foreach ($d in 'uses-env', 'uses-volume') { Invoke-TestKubectl -n $ns get deployment $d -o 'jsonpath={.metadata.generation}' }
            $rows = & "$runbooks/Update-SecretAndRestart.ps1" app-secret @{ password = 'new' } -Namespace $ns -WhatIf
            @($rows).Count | Should -Be 2
            $rows | ForEach-Object { $_.Restarted | Should -BeFalse }
            Get-Password | Should -Be 'old'
            $after = foreach ($d in 'uses-env', 'uses-volume') { Invoke-TestKubectl -n $ns get deployment $d -o 'jsonpath={.metadata.generation}' }
            $after | Should -Be $generations
        }

        It 'rotates the values and restarts exactly the workloads whose pods read the secret' {
            $rows = & "$runbooks/Update-SecretAndRestart.ps1" app-secret @{ password = 'new' } -Namespace $ns -Wait -TimeoutSeconds 120
            Get-Password | Should -Be 'new'
            @($rows | Sort-Object Name | ForEach-Object { "$($_.Kind)/$($_.Name)" }) | Should -Be @('Deployment/uses-env', 'Deployment/uses-volume')
            $rows | ForEach-Object { $_.Restarted | Should -BeTrue; $_.Pods | Should -Be 1 }
            Get-RestartedAt 'uses-env' | Should -Not -BeNullOrEmpty
            Get-RestartedAt 'uses-volume' | Should -Not -BeNullOrEmpty
            Get-RestartedAt 'unrelated' | Should -BeNullOrEmpty
            # -Wait waited: the restarted rollouts are complete.
            foreach ($d in 'uses-env', 'uses-volume') {
                $status = Invoke-TestKubectl -n $ns get deployment $d -Json
                $status.status.updatedReplicas | Should -Be 1
                $status.status.observedGeneration | Should -Be $status.metadata.generation
            }
        }
    }

    Context 'Invoke-NodeMaintenance' {
        BeforeAll {
            $script:ns = New-TestNamespace -Prefix 'maint'
            $script:node = (@(Invoke-TestKubectl get nodes -o 'jsonpath={.items[*].metadata.name}') -split ' ')[-1]
            $null = Invoke-TestKubectl -n $ns create deployment spread --image=nginx:1.25 --replicas=3
            $null = Invoke-TestKubectl -n $ns rollout status deployment/spread --timeout=120s
            function Get-Unschedulable { Invoke-TestKubectl get node $node -o 'jsonpath={.spec.unschedulable}' }
            function Get-OurPodsOnNode { @((Invoke-TestKubectl -n $ns get pods -Json).items | Where-Object { $_.spec.nodeName -eq $node -and -not $_.metadata.deletionTimestamp }).Count }
        }
        AfterAll {
            $null = Invoke-TestKubectl uncordon $script:node -AllowFailure
            Remove-TestNamespace $script:ns
        }

        It 'with -WhatIf neither cordons the node nor runs the maintenance' {
            $flag = @{ Ran = $false }
            $result = & "$runbooks/Invoke-NodeMaintenance.ps1" $node { $flag.Ran = $true } -DeleteEmptyDirData -WhatIf
            $flag.Ran | Should -BeFalse
            $result.Drained | Should -BeFalse
            Get-Unschedulable | Should -BeNullOrEmpty
        }

        It 'drains the node, runs the maintenance on the empty node, and makes it schedulable again' {
            $result = & "$runbooks/Invoke-NodeMaintenance.ps1" $node {
                param($name)
                [pscustomobject]@{ Node = $name; Unschedulable = (Get-Unschedulable); OurPods = (Get-OurPodsOnNode) }
            } -DeleteEmptyDirData -TimeoutSeconds 120
            $result.Drained | Should -BeTrue
            $result.Uncordoned | Should -BeTrue
            $result.MaintenanceError | Should -BeNullOrEmpty
            $result.MaintenanceOutput.Node | Should -Be $node
            $result.MaintenanceOutput.Unschedulable | Should -Be 'true'
            $result.MaintenanceOutput.OurPods | Should -Be 0
            Get-Unschedulable | Should -BeNullOrEmpty
        }

        It 'makes the node schedulable again when the maintenance fails, and reports the failure' {
            $result = & "$runbooks/Invoke-NodeMaintenance.ps1" $node { throw 'the disk would not mount' } -DeleteEmptyDirData -TimeoutSeconds 120 -ErrorAction SilentlyContinue -ErrorVariable failure
            $result.Drained | Should -BeTrue
            "$($result.MaintenanceError)" | Should -Match 'the disk would not mount'
            $result.Uncordoned | Should -BeTrue
            Get-Unschedulable | Should -BeNullOrEmpty
            @($failure | Where-Object FullyQualifiedErrorId -Like 'NodeMaintenanceFailed*') | Should -HaveCount 1
        }
    }

    Context 'Get-NamespaceReport' {
        BeforeAll {
            $script:ns = New-TestNamespace -Prefix 'report'
            $yaml = @'
apiVersion: apps/v1
kind: Deployment
metadata: { name: good }
spec:
  replicas: 2
  selector: { matchLabels: { app: good } }
  template:
    metadata: { labels: { app: good } }
    spec:
      containers: [{ name: app, image: nginx:1.25 }]
---
apiVersion: apps/v1
kind: Deployment
metadata: { name: missing-image }
spec:
  selector: { matchLabels: { app: missing-image } }
  template:
    metadata:
      labels: { app: missing-image }
      annotations: { sim.k8sps.io/image-pull: not-found }
    spec:
      containers: [{ name: app, image: my-docker-hub/app:lastest }]
---
apiVersion: v1
kind: Service
metadata: { name: good }
spec:
  selector: { app: good }
  ports: [{ port: 80 }]
'@
            $file = Join-Path $TestDrive "report.yaml"
            $yaml | Set-Content -LiteralPath $file
            $null = Invoke-TestKubectl -n $ns apply -f $file
            $null = Invoke-TestKubectl -n $ns rollout status deployment/good --timeout=120s
            # The missing image has failed its pull (the kubelet's back-off) before the report reads it.
            $deadline = [DateTime]::UtcNow.AddSeconds(60)
            do {
                $waiting = (Invoke-TestKubectl -n $ns get pods -l app=missing-image -o 'jsonpath={.items[*].status.containerStatuses[*].state.waiting.reason}')
                if ($waiting -match 'ImagePull') { break }
                Start-Sleep -Milliseconds 500
            } while ([DateTime]::UtcNow -lt $deadline)
        }
        AfterAll { Remove-TestNamespace $script:ns }

        It 'reports what runs as objects, and what is not Ready with the reason' {
            $rows = @(& "$runbooks/Get-NamespaceReport.ps1" -Namespace $ns)
            $good = $rows | Where-Object { $_.Kind -eq 'Deployment' -and $_.Name -eq 'good' }
            $good.Ready | Should -BeTrue
            $good.Replicas | Should -Be '2/2'
            $good.Images | Should -Be 'nginx:1.25'
            $bad = $rows | Where-Object { $_.Kind -eq 'Deployment' -and $_.Name -eq 'missing-image' }
            $bad.Ready | Should -BeFalse
            $bad.Replicas | Should -Be '0/1'
            $bad.Reason | Should -Match 'ImagePull|pull'
            ($rows | Where-Object { $_.Kind -eq 'Service' -and $_.Name -eq 'good' }).Ready | Should -BeTrue
            # Pods of a workload are in its row, not rows of their own.
            @($rows | Where-Object Kind -EQ 'Pod').Count | Should -Be 0
        }

        It 'writes the same as a Markdown table with -AsMarkdown' {
            $md = & "$runbooks/Get-NamespaceReport.ps1" -Namespace $ns -AsMarkdown
            $md | Should -BeOfType [string]
            $lines = $md -split "`n"
            $lines[0] | Should -Be "## Namespace $ns"
            $lines | Should -Contain '| Kind | Name | Ready | Replicas | Images | Reason |'
            $lines | Should -Contain '| Deployment | good | yes | 2/2 | nginx:1.25 |  |'
            $missing = $lines | Where-Object { $_ -like '| Deployment | missing-image | **no** | 0/1 |*' }
            $missing | Should -HaveCount 1
            $missing | Should -Match 'pull'
            $md | Should -Match '3 objects, 1 not ready\.'
        }
    }
}
