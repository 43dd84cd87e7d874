<#
    P1 (kubernetes-notes.md lines 41-76): the imperative practice.
        kubectl create deployment NAME --image=IMAGE; kubectl get pods; kubectl delete ...
        kubectl expose deployment NAME --port=PORT --type NodePort|LoadBalancer|ClusterIP; kubectl get services
    through K8sPS, asserting the objects on the server, that kubectl creates the same objects for the
    same input, that pods reach Running, that the service has endpoints and a URL, and that deletion
    leaves nothing behind. Bad input gives a clear error and creates nothing.
#>
BeforeDiscovery {
    Import-Module (Join-Path $PSScriptRoot '../TestHelpers.psm1') -Force
    Assert-K8sTestEnvironment
}

Describe 'P1 imperative deployment, service and cleanup' {
    BeforeAll {
        Import-Module (Join-Path $PSScriptRoot '../TestHelpers.psm1') -Force
        Import-K8sTestModule
        # Ours and kubectl's side by side: same names, different namespaces, so objects compare field by field.
        $script:ns = New-TestNamespace -Prefix 'p1'
        $script:kns = New-TestNamespace -Prefix 'p1-kubectl'
        $script:app = 'first-app'
        $script:image = 'kodekloud/webapp-color:v1'
    }

    AfterAll {
        Remove-TestNamespace $script:ns
        Remove-TestNamespace $script:kns
    }

    Context 'create deployment' {
        BeforeAll {
            $script:created = New-K8sDeployment -Name $app -Image $image -Namespace $ns
        }

        It 'returns the deployment the server created' {
            Test-K8sObject $created -Kind Deployment -Typed | Should -BeTrue
            $created.PSObject.TypeNames[0] | Should -Be 'k8s.Models.V1Deployment'
            $created.Name | Should -Be $app
            $created.Namespace | Should -Be $ns
            $created.Metadata.Uid | Should -Not -BeNullOrEmpty
        }

        It 'creates on the server exactly what kubectl create deployment creates' {
            Invoke-TestKubectl -n $kns create deployment $app "--image=$image" | Out-Null
            $ours = Invoke-TestKubectl -n $ns get deployment $app -Json | ConvertTo-ComparableJson
            $theirs = Invoke-TestKubectl -n $kns get deployment $app -Json | ConvertTo-ComparableJson
            $ours | Should -Be $theirs
        }

        It 'uses kubectl defaults: labels app=NAME, one replica, container named after the image' {
            $d = Invoke-TestKubectl -n $ns get deployment $app -Json
            $d.metadata.labels.app | Should -Be $app
            $d.spec.selector.matchLabels.app | Should -Be $app
            $d.spec.replicas | Should -Be 1
            $d.spec.template.spec.containers[0].name | Should -Be 'webapp-color'
            $d.spec.template.spec.containers[0].image | Should -Be $image
        }

        It 'rolls out: the pod reaches Running' {
            $pod = Wait-TestCondition -Because "a Running pod of $app" -Condition {
                Get-K8sPod -Namespace $ns -Selector "app=$app" | Where-Object State -EQ 'Running'
            }
            @($pod).Count | Should -Be 1
            $pod.Ready | Should -Be '1/1'
            $pod.Status.Phase | Should -Be 'Running'
            $pod.Labels['app'] | Should -Be $app
        }

        It 'lists the same pods kubectl lists' {
            $ours = Get-K8sPod -Namespace $ns | ForEach-Object Name | Sort-Object
            $theirs = (Invoke-TestKubectl -n $ns get pods -Json).items | ForEach-Object { $_.metadata.name } | Sort-Object
            $ours | Should -Be $theirs
        }

        It 'shows deployments, pods and labels as kubectl columns' {
            Wait-TestCondition -Because 'the deployment reports 1/1 ready' -Condition { (Get-K8sDeployment $app -Namespace $ns).Ready -eq '1/1' } | Out-Null
            $table = Get-K8sDeployment -Namespace $ns | Out-String
            $table | Should -Match 'NAME\s+READY\s+UP-TO-DATE\s+AVAILABLE\s+AGE'
            $table | Should -Match "$app\s+1/1\s+1\s+1\s+\d+[smhd]"
            Get-K8sPod -Namespace $ns | Out-String | Should -Match 'NAME\s+READY\s+STATUS\s+RESTARTS\s+AGE'
            Get-K8sPod -Namespace $ns | Format-Table -View ShowLabels | Out-String -Width 250 | Should -Match "app=$app,pod-template-hash="
            Get-K8sPod -Namespace $ns | Sort-Object Age | Select-Object -First 1 -ExpandProperty State | Should -Be 'Running'
        }
    }

    Context 'expose deployment' {
        It 'exposes a NodePort service from the pipeline, equal to kubectl expose' {
            $script:svc = Get-K8sDeployment $app -Namespace $ns | Expose-K8sService -Port 8080 -Type NodePort
            $svc.PSObject.TypeNames[0] | Should -Be 'k8s.Models.V1Service'
            $svc.Name | Should -Be $app
            $svc.Type | Should -Be 'NodePort'
            $svc.Spec.Ports[0].NodePort | Should -BeGreaterThan 0

            Invoke-TestKubectl -n $kns expose deployment $app --port=8080 --type=NodePort | Out-Null
            $ours = Invoke-TestKubectl -n $ns get service $app -Json | ConvertTo-ComparableJson
            $theirs = Invoke-TestKubectl -n $kns get service $app -Json | ConvertTo-ComparableJson
            $ours | Should -Be $theirs
        }

        It 'works straight from New-K8sDeployment' {
            $s = New-K8sDeployment -Name 'piped' -Image $image -Port 80 -Namespace $ns | Expose-K8sService -Port 8080 -Type NodePort
            $s.Spec.Selector['app'] | Should -Be 'piped'
            $s.Spec.Ports[0].TargetPort.Value | Should -Be '8080'
        }

        It 'selects the deployment pods: the service has endpoints' {
            $podIp = (Get-K8sPod -Namespace $ns -Selector "app=$app").Status.PodIP
            $addresses = Wait-TestCondition -Because "endpoints of service $app" -Condition {
                $ep = Invoke-TestKubectl -n $ns get endpoints $app -Json
                @($ep.subsets | Where-Object { $_ } | ForEach-Object { $_.addresses } | ForEach-Object { $_.ip })
            }
            $addresses | Should -Contain $podIp
        }

        It 'has the URL minikube service --url prints: node address and node port' {
            $node = (Invoke-TestKubectl get nodes -Json).items |
                Where-Object { $_.status.conditions | Where-Object { $_.type -eq 'Ready' -and $_.status -eq 'True' } } |
                Sort-Object { $_.metadata.name } | Select-Object -First 1
            $ip = ($node.status.addresses | Where-Object type -EQ 'InternalIP').address
            $nodePort = (Invoke-TestKubectl -n $ns get service $app -Json).spec.ports[0].nodePort
            Get-K8sServiceUrl $app -Namespace $ns -WarningVariable warned -WarningAction SilentlyContinue | Should -Be "http://${ip}:$nodePort"
            Get-K8sService $app -Namespace $ns | Get-K8sServiceUrl -WarningAction SilentlyContinue | Should -Be "http://${ip}:$nodePort"
            # The local cluster's nodes are simulated: the user is told that nothing answers there.
            $warned | Should -HaveCount 1
            $warned[0] | Should -Match "nodes of local cluster '$([regex]::Escape($env:K8SPS_TEST_CONTEXT))' are simulated: .*nothing answers at http://${ip}:$nodePort"
        }

        It 'exposes as LoadBalancer and ClusterIP too, each equal to kubectl expose' {
            foreach ($type in 'LoadBalancer', 'ClusterIP') {
                $name = "$app-$($type.ToLowerInvariant())"
                $s = Expose-K8sService $app -Name $name -Port 8080 -Type $type -Namespace $ns
                $s.Type | Should -Be $type
                Invoke-TestKubectl -n $kns expose deployment $app --port=8080 "--type=$type" "--name=$name" | Out-Null
                $ours = Invoke-TestKubectl -n $ns get service $name -Json | ConvertTo-ComparableJson
                $theirs = Invoke-TestKubectl -n $kns get service $name -Json | ConvertTo-ComparableJson
                $ours | Should -Be $theirs
            }
        }

        It 'lists services as kubectl get services does' {
            $services = Get-K8sService -Namespace $ns
            $services.Name | Sort-Object | Should -Be (@($app, "$app-clusterip", "$app-loadbalancer", 'piped') | Sort-Object)
            ($services | Where-Object Name -EQ "$app-loadbalancer").ExternalIP | Should -Be '<pending>'
            ($services | Where-Object Name -EQ "$app-clusterip").Ports | Should -Be '8080/TCP'
            $services | Out-String -Width 200 | Should -Match 'NAME\s+TYPE\s+CLUSTER-IP\s+EXTERNAL-IP\s+PORT\(S\)\s+AGE'
            $services | Out-String -Width 200 | Should -Match "$app\s+NodePort\s+\d+\.\d+\.\d+\.\d+\s+<none>\s+8080:\d+/TCP"
        }

        It 'has no URL for a ClusterIP service, and says why' {
            Get-K8sServiceUrl "$app-clusterip" -Namespace $ns -ErrorVariable err -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
            $err[0].FullyQualifiedErrorId | Should -BeLike 'NoNodePort,*'
            $err[0].Exception.Message | Should -Match 'has no node port'
        }
    }

    Context 'delete' {
        It 'deletes pods from the pipeline; the deployment replaces them' {
            $before = @(Get-K8sPod -Namespace $ns -Selector "app=$app").Name
            Get-K8sPod -Namespace $ns -Selector "app=$app" | Remove-K8sPod
            Wait-TestCondition -Because 'a replacement pod Running' -Condition {
                Get-K8sPod -Namespace $ns -Selector "app=$app" | Where-Object { $_.State -eq 'Running' -and $_.Name -notin $before }
            } | Should -Not -BeNullOrEmpty
        }

        It '-WhatIf deletes nothing' {
            Remove-K8sDeployment $app -Namespace $ns -WhatIf
            Get-K8sDeployment $app -Namespace $ns | Should -Not -BeNullOrEmpty
        }

        It 'accepts kubectl JSON objects (ConvertFrom-Json) on the pipeline' {
            $json = (& kubectl --kubeconfig $env:K8SPS_TEST_KUBECONFIG -n $ns get service piped -o json) -join "`n" | ConvertFrom-Json
            Test-K8sObject $json -Kind Service | Should -BeTrue
            $json | Remove-K8sService
            Invoke-TestKubectl -n $ns get service piped -AllowFailure | Out-String | Should -Match 'NotFound'
        }

        It 'pipes many pods into Remove-K8sPod -Wait: exactly those are gone, the replica set makes new ones' {
            New-K8sDeployment -Name 'many' -Image $image -Replicas 5 -Namespace $ns | Out-Null
            $pods = Wait-TestCondition -Because '5 Running pods of many' -Condition {
                $p = @(Get-K8sPod -Namespace $ns -Selector 'app=many' | Where-Object State -EQ 'Running')
                if ($p.Count -eq 5) { , $p }
            }
            $uids = @($pods | ForEach-Object { $_.Metadata.Uid })
            $out = Get-K8sPod -Namespace $ns -Selector 'app=many' | Remove-K8sPod -Wait -ErrorVariable err
            $out | Should -BeNullOrEmpty
            $err.Count | Should -Be 0
            # -Wait returned: none of the 5 is left, not even Terminating.
            $left = (Invoke-TestKubectl -n $ns get pods -l app=many -Json).items
            @($left | Where-Object { $_.metadata.uid -in $uids }).Count | Should -Be 0
            Wait-TestCondition -Because 'the replica set makes 5 new pods' -Condition {
                $new = @((Invoke-TestKubectl -n $ns get pods -l app=many -Json).items | Where-Object { $_.metadata.uid -notin $uids })
                $new.Count -ge 5
            } | Should -BeTrue
        }

        It 'a piped pod that does not exist gives one NotFound error; the others are still removed' {
            $pods = Wait-TestCondition -Because '5 Running pods of many' -Condition {
                $p = @(Get-K8sPod -Namespace $ns -Selector 'app=many' | Where-Object State -EQ 'Running')
                if ($p.Count -eq 5) { , $p }
            }
            $names = @($pods[0].Name, 'no-such-pod') + @($pods[1..4].Name)
            $names | Remove-K8sPod -Namespace $ns -Wait -ErrorVariable err -ErrorAction SilentlyContinue
            $err.Count | Should -Be 1
            $err[0].FullyQualifiedErrorId | Should -Be 'NotFound,K8sPS.Workloads.RemoveK8sPodCommand'
            $err[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
            $err[0].TargetObject | Should -Be 'no-such-pod'
            $left = @((Invoke-TestKubectl -n $ns get pods -l app=many -Json).items | ForEach-Object { $_.metadata.name })
            @($pods.Name | Where-Object { $_ -in $left }).Count | Should -Be 0
        }

        It 'Remove-K8sPod -WhatIf removes nothing from a piped list' {
            $pods = Wait-TestCondition -Because '5 Running pods of many' -Condition {
                $p = @(Get-K8sPod -Namespace $ns -Selector 'app=many' | Where-Object State -EQ 'Running')
                if ($p.Count -eq 5) { , $p }
            }
            $pods | Remove-K8sPod -WhatIf -Wait
            $now = @((Invoke-TestKubectl -n $ns get pods -l app=many -Json).items | Where-Object { -not $_.metadata.deletionTimestamp } | ForEach-Object { $_.metadata.uid })
            @($pods | Where-Object { $_.Metadata.Uid -notin $now }).Count | Should -Be 0
        }

        It 'Remove-K8sDeployment and Remove-K8sService -Wait return once the objects are gone' {
            New-K8sService -Deployment 'many' -Port 80 -Namespace $ns | Out-Null
            Get-K8sDeployment 'many' -Namespace $ns | Remove-K8sDeployment -Wait
            Invoke-TestKubectl -n $ns get deployment many -AllowFailure | Out-String | Should -Match 'NotFound'
            Get-K8sService 'many' -Namespace $ns | Remove-K8sService -Wait
            Invoke-TestKubectl -n $ns get service many -AllowFailure | Out-String | Should -Match 'NotFound'
        }

        It 'leaves nothing behind' {
            Get-K8sService -Namespace $ns | Remove-K8sService
            Get-K8sDeployment -Namespace $ns | Remove-K8sDeployment
            Wait-TestCondition -Because "no deployments, replica sets, pods or services left in $ns" -Condition {
                $left = Invoke-TestKubectl -n $ns get 'deployments,replicasets,pods,services' -o name
                -not ($left | Where-Object { $_ -and $_ -notmatch '^No resources' })
            } | Should -BeTrue
            Get-K8sPod -Namespace $ns | Should -BeNullOrEmpty
            Get-K8sDeployment -Namespace $ns | Should -BeNullOrEmpty
        }

        It 'reports what does not exist as ObjectNotFound, per item' {
            $out = 'gone-1', 'gone-2' | Remove-K8sDeployment -Namespace $ns -ErrorVariable err -ErrorAction SilentlyContinue
            $err.Count | Should -Be 2
            $err[0].FullyQualifiedErrorId | Should -Be 'NotFound,K8sPS.Workloads.RemoveK8sDeploymentCommand'
            $err[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
            $err[0].TargetObject | Should -Be 'gone-1'
            $err[1].TargetObject | Should -Be 'gone-2'
            { Get-K8sDeployment 'gone-1' -Namespace $ns -ErrorAction Stop } | Should -Throw -ErrorId 'NotFound,K8sPS.Workloads.GetK8sDeploymentCommand'
        }
    }

    Context 'bad input: a clear error and nothing created' {
        It 'refuses <Case>' -ForEach @(
            @{ Case = 'an image with a space'; Arguments = @{ Name = 'bad-image'; Image = 'ng inx' }; Field = 'image' }
            @{ Case = 'a name with capitals'; Arguments = @{ Name = 'BadName'; Image = 'nginx' }; Field = 'metadata.name' }
            @{ Case = 'a replica count of -1'; Arguments = @{ Name = 'bad-replicas'; Image = 'nginx'; Replicas = -1 }; Field = 'spec.replicas' }
        ) {
            New-K8sDeployment @Arguments -Namespace $ns -ErrorVariable err -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
            $err.Count | Should -Be 1
            $err[0].FullyQualifiedErrorId | Should -Be 'Invalid,K8sPS.Workloads.NewK8sDeploymentCommand'
            $err[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
            $err[0].TargetObject | Should -Be $Arguments.Name
            $err[0].Exception.Message | Should -Match ([regex]::Escape($Field))
            { New-K8sDeployment @Arguments -Namespace $ns -ErrorAction Stop } | Should -Throw -ErrorId 'Invalid,*'
            Invoke-TestKubectl -n $ns get deployments -o name | Where-Object { $_ -match 'deployment' } | Should -BeNullOrEmpty
        }

        It 'refuses a missing context' {
            { New-K8sDeployment -Name 'ctx' -Image nginx -Namespace $ns -Context 'no-such-context' -ErrorAction Stop } |
                Should -Throw -ErrorId 'ContextNotFound,K8sPS.Workloads.NewK8sDeploymentCommand'
            $err = $null
            try { New-K8sDeployment -Name 'ctx' -Image nginx -Namespace $ns -Context 'no-such-context' } catch { $err = $_ }
            $err.CategoryInfo.Category | Should -Be 'ObjectNotFound'
            $err.Exception.Message | Should -Match "'no-such-context'.*Known contexts: .*$([regex]::Escape($env:K8SPS_TEST_CONTEXT))"
            Invoke-TestKubectl -n $ns get deployment ctx -AllowFailure | Out-String | Should -Match 'NotFound'
        }

        It 'reports an unreachable server once, as a terminating error: every other request would fail the same way' {
            $config = Join-Path $TestDrive 'unreachable.kubeconfig'
            @'
apiVersion: v1
kind: Config
clusters:
- name: gone
  cluster: {server: "https://127.0.0.1:1", insecure-skip-tls-verify: true}
users:
- name: u
  user: {token: not-a-real-token}
contexts:
- name: gone
  context: {cluster: gone, user: u}
current-context: gone
'@ | Set-Content $config
            $saved = $env:KUBECONFIG
            try {
                $env:KUBECONFIG = $config
                $err = $null
                try { 'far', 'further' | ForEach-Object { New-K8sDeployment -Name $_ -Image nginx -ErrorAction SilentlyContinue } } catch { $err = $_ }
            } finally { $env:KUBECONFIG = $saved }
            $err.FullyQualifiedErrorId | Should -Be 'ServerUnreachable,K8sPS.Workloads.NewK8sDeploymentCommand'
            $err.CategoryInfo.Category | Should -Be 'ConnectionError'
            $err.Exception.Message | Should -Be 'Cannot reach https://127.0.0.1:1: connection refused.'
            ($err | Out-String) | Should -Not -Match 'not-a-real-token'
        }

        It 'reports AlreadyExists with the server message' {
            New-K8sDeployment -Name 'twice' -Image nginx -Namespace $ns | Out-Null
            New-K8sDeployment -Name 'twice' -Image nginx -Namespace $ns -ErrorVariable err -ErrorAction SilentlyContinue
            $err[0].FullyQualifiedErrorId | Should -BeLike 'AlreadyExists,*'
            $err[0].CategoryInfo.Category | Should -Be 'ResourceExists'
            $err[0].Exception.Message | Should -Be 'deployments.apps "twice" already exists'
            Remove-K8sDeployment 'twice' -Namespace $ns
        }
    }
}
