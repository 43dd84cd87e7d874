<#
    A-AUTOSCALING (kubernetes-notes.md lines 1277-1336): the hpa-example Deployment (200m CPU requested), its NodePort
    service and an autoscaling/v1 HPA (1 to 10 replicas at 50% CPU). Nothing to fix (line 1286). On the test cluster the
    real HPA controller (sync every 5 s, downscale stabilization 15 s) reads the simulated usage, which the scenario
    raises and lowers through the pod template's sim.k8sps.io/cpu annotation: replicas rise within a sync or two and
    come back down once the stabilization window has passed; at each step Get-K8sHorizontalPodAutoscaler and
    kubectl get hpa agree. Then New-K8sHorizontalPodAutoscaler beside kubectl autoscale, and bad input. NodePort 31001
    is B-SERVICE's too: the example is removed (and waited for) before this file ends.
#>
BeforeDiscovery {
    Import-Module (Join-Path $PSScriptRoot '../TestHelpers.psm1') -Force
    Assert-K8sTestEnvironment
}

Describe 'A-AUTOSCALING the hpa-example scales on CPU load' {
    BeforeAll {
        Import-Module (Join-Path $PSScriptRoot '../TestHelpers.psm1') -Force
        Import-K8sTestModule
        Import-Module (Join-Path $PSScriptRoot 'ManifestScenarios.psm1') -Force
        Import-Module (Join-Path $PSScriptRoot 'MetricsScenarios.psm1') -Force
        $script:watch = Start-LoopbackWatch
        Wait-MetricsApiAvailable
        $script:ns = New-TestNamespace -Prefix 'a-autoscaling'
        $script:exampleFiles = Get-ExampleFiles 'A-AUTOSCALING'
        $script:hpaName = 'hpa-example-autoscaler'

        # kubectl get hpa's row and ours for the same state of the HPA: read only when its resourceVersion did not change around both.
        function Get-HpaReading([string] $Name) {
            $before = (Invoke-TestKubectl -n $ns get hpa $Name -Json)['metadata']['resourceVersion']
            $row = ConvertFrom-KubectlTable (Invoke-TestKubectl -n $ns get hpa $Name)
            $ours = Get-K8sHorizontalPodAutoscaler $Name -Namespace $ns -WarningAction SilentlyContinue
            $after = (Invoke-TestKubectl -n $ns get hpa $Name -Json)['metadata']['resourceVersion']
            [pscustomobject]@{ Stable = $before -eq $after -and $ours.Metadata.ResourceVersion -eq $after; Kubectl = $row[0]; Ours = $ours }
        }

        # Waits until $Until holds for our HPA; every stable reading on the way must agree with kubectl get hpa
        # (TARGETS with the resource named, as K8sPS prints it: kubectl's "5%/50%" is our "cpu: 5%/50%").
        function Wait-Hpa([scriptblock] $Until, [string] $Because, [int] $TimeoutSeconds = 60) {
            $script:compared = 0
            Wait-TestCondition -Because $Because -TimeoutSeconds $TimeoutSeconds -IntervalSeconds 1 -Condition {
                $r = Get-HpaReading $hpaName
                if ($r.Stable) {
                    $k = $r.Kubectl
                    "$($r.Ours.Name) $($r.Ours.Reference) $($r.Ours.Targets) $($r.Ours.MinPods) $($r.Ours.MaxPods) $($r.Ours.Replicas)" |
                        Should -Be "$($k[0]) $($k[1]) cpu: $($k[2]) $($k[3]) $($k[4]) $($k[5])"
                    $script:compared++
                }
                if ($script:compared -gt 0 -and (& $Until $r.Ours)) { $r.Ours }
            }
        }

        function Set-TemplateLoad([string] $Cpu) {
            $patch = @{ spec = @{ template = @{ metadata = @{ annotations = @{ 'sim.k8sps.io/cpu' = $Cpu } } } } } | ConvertTo-Json -Depth 10 -Compress
            $null = Invoke-TestKubectl -n $ns patch deployment hpa-example --type merge -p $patch
        }
    }

    AfterAll {
        Remove-TestNamespace $script:ns
        if ($script:watch) { Stop-LoopbackWatch $script:watch | Out-Null }
    }

    Context 'the notes as written' {
        It 'lint finds nothing' {
            Test-K8sManifest -Path (Get-NotesYaml A-AUTOSCALING 1286) | Should -BeNullOrEmpty
        }
    }

    Context 'the corrected copy (examples/A-AUTOSCALING) under load' {
        BeforeAll {
            $script:applied = Invoke-ApplyCapture -Path $exampleFiles -Namespace $ns
        }

        It 'applies: the deployment, the NodePort service and the HPA' {
            Assert-ExampleApplied $applied @('deployment.apps/hpa-example created', 'service/hpa-example created', 'horizontalpodautoscaler.autoscaling/hpa-example-autoscaler created')
        }

        It 'is read in the best autoscaling version the server serves, with kubectl''s columns' {
            $hpa = Get-K8sHorizontalPodAutoscaler $hpaName -Namespace $ns -WarningAction SilentlyContinue
            # 1.20 serves autoscaling/v1 (preferred) and v2beta2, not v2.
            $hpa.ApiVersion | Should -Be 'autoscaling/v2beta2'
            $hpa.Reference | Should -Be 'Deployment/hpa-example'
            "$($hpa.MinPods) $($hpa.MaxPods)" | Should -Be '1 10'
            $header = @((Get-K8sHorizontalPodAutoscaler -Namespace $ns -WarningAction SilentlyContinue | Out-String -Width 250) -split "`n" | Where-Object { $_.Trim() })[0].Trim() -split '\s+'
            $header | Should -Be @('NAME', 'REFERENCE', 'TARGETS', 'MINPODS', 'MAXPODS', 'REPLICAS', 'AGE')
        }

        It 'measures the idle pods: far below its target' {
            $hpa = Wait-Hpa -Because 'the HPA to measure the idle pods' -Until { param($h) $h.Targets -match '^cpu: \d+%/50%$' -and $h.ScalingActive }
            [int]($hpa.Targets -replace '^cpu: (\d+)%/50%$', '$1') | Should -BeLessThan 50
        }

        It 'load raised on the template: replicas rise within the sync period' {
            # 300m of a 200m request: 150% against a target of 50%. (Idle, the HPA may be bringing the 3 replicas down meanwhile.)
            $script:before = (Invoke-TestKubectl -n $ns get deployment hpa-example -Json)['spec']['replicas']
            Set-TemplateLoad '300m'
            $hpa = Wait-Hpa -Because "the HPA to see 150% and go above $before replicas" -TimeoutSeconds 45 -Until { param($h) $h.Targets -eq 'cpu: 150%/50%' -and $h.Replicas -gt $before }
            $hpa.ScalingActive | Should -BeTrue
            (Invoke-TestKubectl -n $ns get deployment hpa-example -Json)['spec']['replicas'] | Should -BeGreaterThan $before
        }

        It 'load removed: back to the minimum once the stabilization window has passed' {
            Set-TemplateLoad '10m'
            $hpa = Wait-Hpa -Because 'the HPA to scale back to 1' -TimeoutSeconds 90 -Until { param($h) $h.Replicas -eq 1 -and $h.Targets -eq 'cpu: 5%/50%' }
            $hpa.DesiredReplicas | Should -Be 1
            (Invoke-TestKubectl -n $ns get deployment hpa-example -Json)['spec']['replicas'] | Should -Be 1
        }

        It 'the controller says so in its events: rescaled up, then down to 1' {
            $events = @((Invoke-TestKubectl -n $ns get events --field-selector "involvedObject.name=$hpaName,reason=SuccessfulRescale" -Json)['items'] |
                    Sort-Object { [datetime]$_['lastTimestamp'] } | ForEach-Object { $_['message'] })
            $events | Where-Object { $_ -match '^New size: ([2-9]|10); reason: cpu resource utilization \(percentage of request\) above target$' } | Should -Not -BeNullOrEmpty
            $events[-1] | Should -Be 'New size: 1; reason: All metrics below target'
        }

        It 'removal by -Path leaves nothing (and frees node port 31001)' {
            Assert-ExampleRemoved $exampleFiles $ns
        }
    }

    Context 'New-K8sHorizontalPodAutoscaler, and bad input' {
        BeforeAll {
            # A deployment whose pods have no CPU request: no HPA can compute its CPU utilization.
            $null = Invoke-TestKubectl -n $ns create deployment norequests --image=nginx
            $null = Wait-PodsRunning $ns 'app=norequests'
        }

        It 'makes the HPA kubectl autoscale makes, in autoscaling/v2beta2, and warns of the missing CPU request' {
            $warn = $null
            $made = Get-K8sDeployment norequests -Namespace $ns | New-K8sHorizontalPodAutoscaler -Name by-k8sps -Min 2 -Max 4 -CpuPercent 60 -WarningVariable warn -WarningAction SilentlyContinue
            $made.ApiVersion | Should -Be 'autoscaling/v2beta2'
            $made.Name | Should -Be 'by-k8sps'
            "$warn" | Should -Match 'Deployment "norequests": container\(s\) nginx have no CPU request'
            "$warn" | Should -Match 'missing request for cpu'
            $null = Invoke-TestKubectl -n $ns autoscale deployment norequests --name by-kubectl --min=2 --max=4 --cpu-percent=60
            $spec = { param($name) (Invoke-TestKubectl -n $ns get hpa $name -Json)['spec'] | ConvertTo-Json -Depth 10 -Compress }
            & $spec by-k8sps | Should -Be (& $spec by-kubectl)
        }

        It 'Autoscale-K8sDeployment is the same cmdlet, and Tab offers the deployments to scale' {
            (Get-Alias Autoscale-K8sDeployment).ResolvedCommandName | Should -Be 'New-K8sHorizontalPodAutoscaler'
            $line = "Autoscale-K8sDeployment -Namespace $ns deploy/noreq"
            $got = Wait-TestCondition -Because 'Tab to offer deploy/norequests' -TimeoutSeconds 15 -IntervalSeconds 0.3 -Condition {
                @((TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches | ForEach-Object CompletionText)
            }
            $got | Should -Be 'deploy/norequests'
        }

        It 'surfaces the controller''s condition for pods without CPU requests, as kubectl describe hpa' {
            $hpa = Wait-TestCondition -Because 'the controller to report ScalingActive False for by-k8sps' -TimeoutSeconds 60 -Condition {
                $h = Get-K8sHorizontalPodAutoscaler by-k8sps -Namespace $ns -WarningAction SilentlyContinue
                if ($h.ScalingActive -eq $false) { $h }
            }
            $active = $hpa.Conditions | Where-Object Type -EQ 'ScalingActive'
            $active.Reason | Should -Be 'FailedGetResourceMetric'
            $active.Message | Should -Match 'missing request for cpu'
            $hpa.Problems | Should -Be "ScalingActive False FailedGetResourceMetric: $($active.Message)"
            $hpa.Targets | Should -Be 'cpu: <unknown>/60%'
            $warn = $null
            $null = Get-K8sHorizontalPodAutoscaler by-k8sps -Namespace $ns -WarningVariable warn -WarningAction SilentlyContinue
            "$warn" | Should -BeLike "horizontalpodautoscaler ""by-k8sps"" in namespace ""$ns"": ScalingActive False FailedGetResourceMetric: *missing request for cpu"
            # kubectl describe (autoscaling/v1) shows the same failure in the controller's events.
            "$(Invoke-TestKubectl -n $ns describe hpa by-k8sps)" | Should -Match 'FailedGetResourceMetric +\S+ +horizontal-pod-autoscaler +failed to get cpu utilization: missing request for cpu'
            (ConvertFrom-KubectlTable (Invoke-TestKubectl -n $ns get hpa by-k8sps))[0][2] | Should -Be '<unknown>/60%'
        }

        It '-Max below -Min: kubectl''s error, and nothing is created' {
            $err = $null
            New-K8sHorizontalPodAutoscaler norequests -Namespace $ns -Name too-few -Min 3 -Max 2 -ErrorVariable err -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
            $err[0].FullyQualifiedErrorId | Should -BeLike 'Invalid,*'
            "$($err[0])" | Should -BeLike '--max=MAXPODS must be larger or equal to --min=MINPODS, max: 2, min: 3*'
            "$(Invoke-TestKubectl -n $ns get hpa too-few -AllowFailure)" | Should -Match 'NotFound'
        }

        It 'a target that does not exist: NotFound, and nothing is created' {
            $err = $null
            New-K8sHorizontalPodAutoscaler deployment/nope -Namespace $ns -Max 3 -ErrorVariable err -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
            $err[0].FullyQualifiedErrorId | Should -BeLike 'NotFound,*'
            "$($err[0])" | Should -Be "deployments.apps ""nope"" not found in namespace ""$ns"""
            "$(Invoke-TestKubectl -n $ns autoscale deployment nope --max=3 -AllowFailure)" | Should -Match 'deployments.apps "nope" not found'
            "$(Invoke-TestKubectl -n $ns get hpa nope -AllowFailure)" | Should -Match 'NotFound'
        }

        It 'a kind without a scale subresource is refused before anything is asked' {
            { New-K8sHorizontalPodAutoscaler daemonset/agent -Namespace $ns -Max 3 -ErrorAction Stop } | Should -Throw -ExpectedMessage 'cannot autoscale a daemonset*'
        }

        It '-WhatIf checks and creates nothing; Remove-K8sHorizontalPodAutoscaler removes' {
            New-K8sHorizontalPodAutoscaler norequests -Namespace $ns -Name only-whatif -Max 3 -WhatIf -WarningAction SilentlyContinue | Should -BeNullOrEmpty
            "$(Invoke-TestKubectl -n $ns get hpa only-whatif -AllowFailure)" | Should -Match 'NotFound'
            Get-K8sHorizontalPodAutoscaler by-k8sps, by-kubectl -Namespace $ns -WarningAction SilentlyContinue | Remove-K8sHorizontalPodAutoscaler -Wait
            @(Invoke-TestKubectl -n $ns get hpa -o name) | Where-Object { $_ } | Should -BeNullOrEmpty
        }
    }

    It 'no socket of the cluster''s processes went outside loopback while the HPA worked' {
        $seen = Stop-LoopbackWatch $script:watch
        $script:watch = $null
        $seen.Samples | Should -BeGreaterThan 1
        $seen.Sockets | Should -BeGreaterThan 0
        $seen.Outside | Should -BeNullOrEmpty
    }
}
