<#
    K8sPS's Pester assertions, as a user's test of a runbook uses them, both ways: passing on what is ready, and
    failing on what is not with a message that says what the cluster shows (replicas, conditions with reasons,
    the last events). And the fixtures: a throwaway namespace, a local cluster for one test file.
#>
BeforeDiscovery {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Assert-K8sTestEnvironment
}

Describe 'Should -BeK8sReady, -HaveK8sReplicas, -BeK8sRunningOn, -HaveK8sCondition, -HaveK8sEndpoints' {
    BeforeAll {
        Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
        Import-K8sTestModule
        $script:ns = New-K8sTestNamespace -Prefix 'should'
        $script:node = (Invoke-TestKubectl get nodes -Json)['items'][-1]['metadata']['name']
        $yaml = @"
apiVersion: apps/v1
kind: Deployment
metadata: {name: web, labels: {app: web}}
spec:
  replicas: 2
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      nodeSelector: {kubernetes.io/hostname: $node}
      containers: [{name: web, image: nginx, ports: [{containerPort: 80}]}]
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: stuck, labels: {app: stuck}}
spec:
  replicas: 2
  progressDeadlineSeconds: 600
  selector: {matchLabels: {app: stuck}}
  template:
    metadata: {labels: {app: stuck}}
    spec:
      nodeSelector: {k8sps.io/no-such-node: "yes"}
      containers: [{name: stuck, image: nginx}]
---
apiVersion: v1
kind: Service
metadata: {name: web}
spec:
  selector: {app: web}
  ports: [{port: 80, protocol: TCP}]
---
apiVersion: v1
kind: Service
metadata: {name: nobody}
spec:
  selector: {app: nobody}
  ports: [{port: 80, protocol: TCP}]
"@
        $file = Join-Path $TestDrive 'objects.yaml'
        Set-Content -LiteralPath $file -Value $yaml
        $null = Set-K8sResource -Path $file -Namespace $ns
    }

    AfterAll {
        Remove-K8sTestNamespace $script:ns
    }

    Context 'on what is ready they pass' {
        It 'a deployment whose replicas are up: -BeK8sReady -Within' {
            Get-K8sDeployment web -Namespace $ns | Should -BeK8sReady -Within 90
        }

        It '-HaveK8sReplicas 2' {
            Get-K8sDeployment web -Namespace $ns | Should -HaveK8sReplicas 2 -Within 30
        }

        It 'its pods -BeK8sRunningOn the node they were pinned to, and each -HaveK8sCondition Ready' {
            $pods = Get-K8sPod -Namespace $ns -Selector app=web
            $pods | Should -HaveCount 2
            $pods | Should -BeK8sRunningOn $node
            $pods | Should -HaveK8sCondition Ready
            Get-K8sDeployment web -Namespace $ns | Should -HaveK8sCondition Available -Status True
        }

        It 'its service -HaveK8sEndpoints (and exactly 2)' {
            Get-K8sService web -Namespace $ns | Should -HaveK8sEndpoints -Within 30
            Get-K8sService web -Namespace $ns | Should -HaveK8sEndpoints 2 -Within 30
        }

        It 'a node piped from Get-K8sNode -BeK8sReady and -HaveK8sCondition Ready (a cluster-scoped object)' {
            Get-K8sNode $node | Should -BeK8sReady
            Get-K8sNode $node | Should -HaveK8sCondition Ready
        }

        It '-Not reverses them' {
            Get-K8sDeployment stuck -Namespace $ns | Should -Not -BeK8sReady
            Get-K8sService nobody -Namespace $ns | Should -Not -HaveK8sEndpoints
        }
    }

    Context 'on what is not ready they fail, saying what the cluster shows' {
        It '-BeK8sReady names the replicas, the condition''s reason and the scheduler''s event' {
            $deployment = Get-K8sDeployment stuck -Namespace $ns
            # Wait for the controllers' verdict first, so the message has something to show.
            Wait-TestCondition -Because 'the scheduler to refuse the stuck pods' -Condition {
                (Invoke-TestKubectl -n $ns get events --field-selector reason=FailedScheduling -o name) -ne $null
            } | Out-Null
            $err = { $deployment | Should -BeK8sReady -Within 5 } | Should -Throw -PassThru
            $err.Exception.Message | Should -Match 'Expected deployment "stuck" in namespace "[^"]+" to be ready within 5 s, but'
            $err.Exception.Message | Should -Match '0/2 ready, 2 up-to-date, 0 available'
            $err.Exception.Message | Should -Match 'Available=False \(MinimumReplicasUnavailable\)'
            # 1.20's scheduler counts a nodeSelector as node affinity; newer ones say "node selector".
            $err.Exception.Message | Should -Match 'Pod/stuck-\S+ FailedScheduling: 0/\d+ nodes are available: \d+ node\(s\) didn''t match (Pod''s node affinity|node selector)'
        }

        It '-HaveK8sReplicas says how many there are' {
            $err = { Get-K8sDeployment web -Namespace $ns | Should -HaveK8sReplicas 3 } | Should -Throw -PassThru
            $err.Exception.Message | Should -Match 'Expected deployment "web" in namespace "[^"]+" to have 3 ready replicas, but it has 2 ready of 2 wanted'
        }

        It '-BeK8sRunningOn names each pod where it is' {
            $err = { Get-K8sPod -Namespace $ns -Selector app=stuck | Should -BeK8sRunningOn $node } | Should -Throw -PassThru
            $err.Exception.Message | Should -Match "Expected the pods to be running on node $([regex]::Escape($node)), but stuck-\S+ is Pending, not scheduled"
        }

        It '-HaveK8sCondition lists the conditions it has' {
            $err = { Get-K8sDeployment stuck -Namespace $ns | Should -HaveK8sCondition Available } | Should -Throw -PassThru
            $err.Exception.Message | Should -Match 'to have condition Available=True, but its conditions are: .*Available=False \(MinimumReplicasUnavailable\)'
        }

        It '-HaveK8sEndpoints says no pod matches the selector' {
            $err = { Get-K8sService nobody -Namespace $ns | Should -HaveK8sEndpoints } | Should -Throw -PassThru
            $err.Exception.Message | Should -Match 'Expected service "nobody" in namespace "[^"]+" to have ready endpoints, but it has no endpoints: no ready pod matches its selector app=nobody'
        }
    }
}

Describe 'Fixtures for tests of runbooks' {
    BeforeAll {
        Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
        Import-K8sTestModule
    }

    It 'New-K8sTestNamespace makes a labelled namespace with a name of its own; Remove-K8sTestNamespace removes it' {
        $ns = New-K8sTestNamespace -Prefix 'fixture'
        $ns | Should -Match '^fixture-[0-9a-f]{6}$'
        (Invoke-TestKubectl get namespace $ns -Json)['metadata']['labels']['k8sps.io/throwaway'] | Should -Be 'true'
        Remove-K8sTestNamespace $ns -Wait
        Invoke-TestKubectl get namespace $ns -AllowFailure | Out-String | Should -Match 'NotFound'
    }

    It 'Remove-K8sTestNamespace refuses a namespace it did not make' {
        $keep = New-TestNamespace -Prefix 'keep'
        try {
            Remove-K8sTestNamespace $keep -ErrorVariable err -ErrorAction SilentlyContinue
            $err[0].FullyQualifiedErrorId | Should -BeLike 'NotThrowaway*'
            Invoke-TestKubectl get namespace $keep -o name | Should -Be "namespace/$keep"
        } finally { Remove-TestNamespace $keep }
    }

    It 'New-K8sTestCluster starts a cluster of its own and points KUBECONFIG at it; Remove-K8sTestCluster undoes both' {
        $before = $env:KUBECONFIG
        $cluster = New-K8sTestCluster -NodeCount 1
        try {
            $env:KUBECONFIG | Should -Be $cluster.KubeconfigPath
            @(Get-K8sResource node) | Should -HaveCount 1
            (Get-K8sLocalCluster -Name $cluster.Name).State | Should -Be 'Running'
        } finally {
            Remove-K8sTestCluster $cluster
        }
        $env:KUBECONFIG | Should -Be $before
        Get-K8sLocalCluster -Name $cluster.Name -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        Test-Path $cluster.KubeconfigPath | Should -BeFalse
    }
}
