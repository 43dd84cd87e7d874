<#
    P2-2 (kubernetes-notes.md lines 139-239): users-api and auth-api in their own deployments; users-api
    reaches auth-api as auth-service.default. The users deployment (line 144) splits its env item in two
    (`- name: AUTH_ADDRESS` then `- value: ...`): kubectl says only "env[1].name: Required value"; K8sPS
    names the line and the fix, refuses that document and applies the other three.
    The notes name three ways for users-api to find auth-api (line 231-234): the DNS name, the ClusterIP, and the
    injected AUTH_SERVICE_SERVICE_HOST. Each is answered as the users pod would see it (Get-K8sPodEnvironment,
    Resolve-K8sService) and must lead to the auth pod. The example's auth-service.default holds only in the
    default namespace: from another one it names nothing, and Resolve-K8sService says which name to use.
#>
BeforeDiscovery {
    Import-Module (Join-Path $PSScriptRoot '../TestHelpers.psm1') -Force
    Assert-K8sTestEnvironment
}

Describe 'P2-2 two deployments, auth-api found by its service name' {
    BeforeAll {
        Import-Module (Join-Path $PSScriptRoot '../TestHelpers.psm1') -Force
        Import-K8sTestModule
        Import-Module (Join-Path $PSScriptRoot 'ManifestScenarios.psm1') -Force
        Import-Module (Join-Path $PSScriptRoot 'NotesScenarios.psm1') -Force
        $script:ns = New-TestNamespace -Prefix 'p2-2'
        $script:kns = New-TestNamespace -Prefix 'p2-2-kubectl'
        $script:exampleFiles = Get-ExampleFiles 'P2-2'
    }

    AfterAll {
        Remove-TestNamespace $script:ns
        Remove-TestNamespace $script:kns
    }

    Context 'the notes as written' {
        It 'lint reports the env item split in two, with file, line and field' {
            $issue = Test-K8sManifest -Path (Get-NotesYaml P2-2 144) | Where-Object RuleId -EQ 'K8S103'
            $issue | Should -HaveCount 1
            $issue.ToString() | Should -Match ([regex]::Escape('P2-2-144.yaml:23: error K8S103 Deployment/users-deployment spec.template.spec.containers[0].env[1]:'))
            $issue.Message | Should -Match 'AUTH_ADDRESS gets no value'
            $issue.Fix | Should -Match "remove the '-' before 'value' at line 23"
        }

        It 'apply refuses that document with the same explanation and applies the other three' {
            $files = 144, 170, 193, 209 | ForEach-Object { Get-NotesYaml P2-2 $_ }
            $r = Invoke-ApplyCapture -Path $files -Namespace $ns
            $r.Errors | Should -HaveCount 1
            $r.Errors[0] | Should -Match 'P2-2-144.yaml:2: Deployment/users-deployment was not applied'
            $r.Errors[0] | Should -Match 'P2-2-144.yaml:23: error K8S103'
            $r.Actions | Sort-Object | Should -Be (@('deployment.apps/auth-deployment created', 'service/users-service created', 'service/auth-service created') | Sort-Object)
            Invoke-TestKubectl -n $ns get deployment users-deployment -AllowFailure | Should -Match 'NotFound'
            Remove-K8sResource -Path $files[1..3] -Namespace $ns -Wait
        }
    }

    Context 'the corrected copy (examples/P2-2)' {
        BeforeAll {
            $script:created = @('deployment.apps/users-deployment created', 'deployment.apps/auth-deployment created', 'service/users-service created', 'service/auth-service created')
            $script:first = Invoke-ApplyCapture -Path $exampleFiles -Namespace $ns
        }

        It 'applies: every object created, no errors, no warnings' {
            Assert-ExampleApplied $first $created
        }

        It 'makes on the server what kubectl apply makes of the same files' {
            Compare-WithKubectlApply -Path $exampleFiles -Namespace $ns -KubectlNamespace $kns | Should -BeNullOrEmpty
        }

        It 'pods reach Running' {
            @(Wait-PodsRunning $ns 'app=users-api' -Count 1).Count | Should -BeGreaterOrEqual 1
            @(Wait-PodsRunning $ns 'app=auth-api' -Count 1).Count | Should -BeGreaterOrEqual 1
        }

        It 'services get endpoints' {
            @(Wait-ServiceEndpoints $ns 'users-service').Count | Should -BeGreaterThan 0
            @(Wait-ServiceEndpoints $ns 'auth-service').Count | Should -BeGreaterThan 0
        }

        It 'users-api finds auth-api three ways, each leading to the auth pod: the DNS name, the ClusterIP, AUTH_SERVICE_SERVICE_HOST' {
            $auth = @(Wait-PodsReady $ns 'app=auth-api' -Count 1)[0]
            $authIp = $auth['status']['podIP']
            # Service variables come from the services that existed when a container started; the apply made both at
            # once, so the users pod is restarted to be sure auth-service came first.
            $old = @(Get-TestPods $ns 'app=users-api' | ForEach-Object { $_['metadata']['name'] })
            $null = Invoke-TestKubectl -n $ns delete pod -l app=users-api --wait=false
            $users = (Wait-TestCondition -Because 'a new users pod, Running and Ready' -Condition {
                    @(Wait-PodsReady $ns 'app=users-api' -Count 1 | Where-Object { $_['metadata']['name'] -notin $old -and -not $_['metadata']['deletionTimestamp'] }) | Select-Object -First 1
                })['metadata']['name']
            $envs = Get-K8sPodEnvironment $users -Namespace $ns -ErrorAction Stop
            $clusterIp = (Invoke-TestKubectl -n $ns get service auth-service -Json)['spec']['clusterIP']
            $envs['AUTH_SERVICE_SERVICE_HOST'].Value | Should -Be $clusterIp
            $envs['AUTH_SERVICE_SERVICE_PORT'].Value | Should -Be '80'
            $envs['AUTH_SERVICE_SERVICE_HOST'].Source | Should -Be 'service auth-service'

            $ways = @(
                "auth-service.${ns}:80"
                "${clusterIp}:80"
                "$($envs['AUTH_SERVICE_SERVICE_HOST'].Value):$($envs['AUTH_SERVICE_SERVICE_PORT'].Value)"
            )
            foreach ($way in $ways) {
                $r = Resolve-K8sService $way -Pod $users -Namespace $ns -WarningVariable warned -ErrorAction Stop
                $r.Resolved | Should -BeTrue -Because $way
                $r.ServiceName | Should -Be 'auth-service'
                $r.Addresses | Should -Be @($clusterIp)
                $r.Ports.Port | Should -Be 80
                @($r.ReadyEndpoints.Ip) | Should -Be @($authIp) -Because "$way leads to the auth pod"
                @($r.ReadyEndpoints.PodName) | Should -Be @($auth['metadata']['name'])
                $warned | Should -BeNullOrEmpty
            }
            (Resolve-K8sService 'auth-service' -Pod $users -Namespace $ns).AnsweredName | Should -Be "auth-service.$ns.svc.cluster.local."
        }

        It 'the example''s AUTH_ADDRESS (auth-service.default:80) holds only in default: from this namespace it names nothing, and the error says what to use' {
            $users = @(Wait-PodsReady $ns 'app=users-api' -Count 1)[0]['metadata']['name']
            $address = (Get-K8sPodEnvironment $users -Namespace $ns -ErrorAction Stop)['AUTH_ADDRESS'].Value
            $address | Should -Be 'auth-service.default:80'
            Resolve-K8sService $address -Pod $users -Namespace $ns -ErrorAction SilentlyContinue -ErrorVariable err | Should -BeNullOrEmpty
            $err[0].FullyQualifiedErrorId | Should -Match '^NameNotResolved,'
            # This namespace is named first (other scenarios may have an auth-service too).
            $err[0].Exception.Message | Should -Match "there is no service auth-service in namespace default; a service auth-service exists in namespace ${ns}(, [^:]+)?: use auth-service.$ns "
        }

        It 're-applying says unchanged' {
            Assert-ExampleReappliedUnchanged $exampleFiles $ns $created
        }

        It 'removal by -Path leaves nothing' {
            Assert-ExampleRemoved $exampleFiles $ns
        }
    }
}
