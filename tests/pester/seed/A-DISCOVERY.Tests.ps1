<#
    A-DISCOVERY (kubernetes-notes.md lines 905-968): a helloworld-db deployment reading its MySQL password and
    database from the secret helloworld-secrets (secretKeyRef), and finding the database by the service name
    database-service (line 957). Line 918's MYSQL_HOST is `database-service // database ...`: YAML has no `//`
    comments, so the whole text is the value and kubectl says nothing. K8sPS warns with the line and the value
    meant; a warning does not stop a document, so the notes' copy is applied whole, as written (the scenario
    removes it again). examples/A-DISCOVERY adds secret.yaml, the secret the deployment reads. No secret value
    may appear in anything K8sPS prints here.
    Get-K8sPodEnvironment shows the env as the kubelet computes it (as written, without the secret, the pods wait
    in CreateContainerConfigError), and Resolve-K8sService answers MYSQL_HOST as the pods would: line 918's value
    is not a host name at all (the // "comment" became part of it); the corrected one names database-service,
    which resolves but has no ready endpoint, since nothing in the example runs a pod labelled app=database.
#>
BeforeDiscovery {
    Import-Module (Join-Path $PSScriptRoot '../TestHelpers.psm1') -Force
    Assert-K8sTestEnvironment
}

Describe 'A-DISCOVERY env from a secret, database found by its service name' {
    BeforeAll {
        Import-Module (Join-Path $PSScriptRoot '../TestHelpers.psm1') -Force
        Import-K8sTestModule
        Import-Module (Join-Path $PSScriptRoot 'ManifestScenarios.psm1') -Force
        Import-Module (Join-Path $PSScriptRoot 'NotesScenarios.psm1') -Force
        $script:ns = New-TestNamespace -Prefix 'a-discovery'
        $script:kns = New-TestNamespace -Prefix 'a-discovery-kubectl'
        $script:example = Get-ExampleFolder 'A-DISCOVERY'
        $script:exampleFiles = @(Get-ChildItem $example -Filter *.yaml | ForEach-Object FullName)
        $script:created = @('secret/helloworld-secrets created', 'service/database-service created', 'deployment.apps/helloworld-deployment created') | Sort-Object
        # The example's secret values: 'helloworld' is also an ordinary word of these files, so only its
        # base64 form is looked for; 'change-me' in both forms.
        $script:secretValues = @('change-me')
        $script:encodedOnly = [Convert]::ToBase64String([Text.Encoding]::UTF8.GetBytes('helloworld'))
        $script:field = 'spec.template.spec.containers[0].env[0].value'
    }

    AfterAll {
        Remove-TestNamespace $script:ns
        Remove-TestNamespace $script:kns
    }

    Context 'the notes as written' {
        It 'lint finds nothing in the service (line 957)' {
            Test-K8sManifest -Path (Get-NotesYaml A-DISCOVERY 957) | Should -BeNullOrEmpty
        }

        It 'lint reports the // inside MYSQL_HOST (line 918), with file, line, field and the value meant' {
            $issue = Test-K8sManifest -Path (Get-NotesYaml A-DISCOVERY 918)
            $issue | Should -HaveCount 1
            $issue.ToString() | Should -Match ([regex]::Escape("A-DISCOVERY-918.yaml:24: warning K8S201 Deployment/helloworld-deployment ${field}:"))
            $issue.Message | Should -Match "'//' is not a comment in YAML"
            $issue.Fix | Should -Match "did you mean 'database-service'\?"
        }

        It 'apply warns the same and applies the document whole, as written (kubectl says nothing)' {
            $file = Get-NotesYaml A-DISCOVERY 918
            $r = Invoke-ApplyCapture -Path $file -Namespace $ns
            $r.Errors | Should -BeNullOrEmpty
            $r.Warnings | Should -HaveCount 1
            $r.Warnings[0] | Should -Match ([regex]::Escape("A-DISCOVERY-918.yaml:24: warning K8S201 Deployment/helloworld-deployment ${field}:"))
            $r.Warnings[0] | Should -Match "did you mean 'database-service'\?"
            $r.Actions | Should -Be 'deployment.apps/helloworld-deployment created'
            $envs = (Invoke-TestKubectl -n $ns get deployment helloworld-deployment -Json)['spec']['template']['spec']['containers'][0]['env']
            $envs[0]['value'] | Should -Be 'database-service // database 관련 service 이름(metadata.name)'
            $envs | Should -HaveCount 4
            Remove-K8sResource -Path $file -Namespace $ns -Wait -ErrorAction Stop
            Wait-ManifestGone -Path $file -Namespace $ns
        }

        It 'without its secret the pods wait in CreateContainerConfigError; with it, MYSQL_HOST is the whole line, which Resolve-K8sService refuses and explains' {
            $file = Get-NotesYaml A-DISCOVERY 918
            $secretFile = Join-Path $example 'secret.yaml'
            Set-K8sResource -Path $file -Namespace $ns -WarningAction SilentlyContinue -ErrorAction Stop | Out-Null
            try {
                $waiting = Wait-TestCondition -Because 'a pod waiting for helloworld-secrets' -Condition {
                    @(Get-TestPods $ns 'app=helloworld-db' | Where-Object { $_['status']['containerStatuses'] -and $_['status']['containerStatuses'][0]['state']['waiting'] -and $_['status']['containerStatuses'][0]['state']['waiting']['reason'] -eq 'CreateContainerConfigError' }) | Select-Object -First 1
                }
                $waiting['status']['containerStatuses'][0]['state']['waiting']['message'] | Should -Be 'secret "helloworld-secrets" not found'
                $held = Get-K8sPodEnvironment $waiting['metadata']['name'] -Namespace $ns -WarningVariable warned -WarningAction SilentlyContinue
                $held.Failure.Reason | Should -Be 'CreateContainerConfigError'
                $held.Failure.Message | Should -Be 'secret "helloworld-secrets" not found'
                $held.Failure.Field | Should -Be 'spec.containers[0].env[2]'
                $warned | Should -Match 'would not start'

                Set-K8sResource -Path $secretFile -Namespace $ns -ErrorAction Stop | Out-Null
                $pod = @(Wait-PodsReady $ns 'app=helloworld-db' -Count 3)[0]['metadata']['name']
                $hostValue = (Get-K8sPodEnvironment $pod -Namespace $ns -ErrorAction Stop)['MYSQL_HOST'].Value
                $hostValue | Should -Be 'database-service // database 관련 service 이름(metadata.name)'
                $r = Resolve-K8sService $hostValue -Pod $pod -Namespace $ns -ErrorAction SilentlyContinue -ErrorVariable err
                $r | Should -BeNullOrEmpty
                $err | Should -HaveCount 1
                $err[0].FullyQualifiedErrorId | Should -Match '^NameNotResolved,'
                $err[0].Exception.Message | Should -Match 'is not a host name: it holds a space'
                $err[0].Exception.Message | Should -Match "did you mean 'database-service'\?"
            } finally {
                Remove-K8sResource -Path $file, $secretFile -Namespace $ns -Wait -ErrorAction Stop
                Wait-ManifestGone -Path $file, $secretFile -Namespace $ns
            }
        }
    }

    Context 'the corrected copy (examples/A-DISCOVERY)' {
        BeforeAll {
            $script:applyText = Get-K8sCommandText { Set-K8sResource -Path $exampleFiles -Namespace $ns }
            $script:first = Invoke-ApplyCapture -Path $exampleFiles -Namespace $ns
        }

        It 'applies: every object created, no errors, no warnings' {
            $applyText | Should -Not -Match 'error|warning|K8S\d{3}'
            foreach ($a in $created) { $applyText | Should -Match ([regex]::Escape(($a -split ' ')[0]) + '\s+created') }
            $first.Errors | Should -BeNullOrEmpty
            $first.Warnings | Should -BeNullOrEmpty
            $first.Actions | Sort-Object | Should -Be ($created -replace ' created$', ' unchanged')
        }

        It 'makes on the server what kubectl apply makes of the same files' {
            Compare-WithKubectlApply -Path $exampleFiles -Namespace $ns -KubectlNamespace $kns | Should -BeNullOrEmpty
        }

        It 'three pods are Running and Ready' {
            @(Wait-PodsReady $ns 'app=helloworld-db' -Count 3).Count | Should -Be 3
        }

        It 'the pods read the password and database by secretKeyRef, keys the secret holds' {
            $pod = @(Get-TestPods $ns 'app=helloworld-db')[0]
            $envs = @{}; foreach ($e in $pod['spec']['containers'][0]['env']) { $envs[$e['name']] = $e }
            $secretKeys = @((Invoke-TestKubectl -n $ns get secret helloworld-secrets -Json)['data'].Keys)
            foreach ($pair in @(@('MYSQL_PASSWORD', 'rootPassword'), @('MYSQL_DATABASE', 'database'))) {
                $e = $envs[$pair[0]]
                $e.ContainsKey('value') | Should -BeFalse
                $e['valueFrom']['secretKeyRef']['name'] | Should -Be 'helloworld-secrets'
                $e['valueFrom']['secretKeyRef']['key'] | Should -Be $pair[1]
                $secretKeys | Should -Contain $pair[1]
            }
            $envs['MYSQL_USER']['value'] | Should -Be 'root'
        }

        It 'MYSQL_HOST is the name of the database service, which exists in the pods'' namespace' {
            $pod = @(Get-TestPods $ns 'app=helloworld-db')[0]
            $hostEnv = @($pod['spec']['containers'][0]['env'] | Where-Object { $_['name'] -eq 'MYSQL_HOST' })[0]
            $hostEnv['value'] | Should -Be 'database-service'
            $svc = Invoke-TestKubectl -n $pod['metadata']['namespace'] get service $hostEnv['value'] -Json
            $svc['spec']['type'] | Should -Be 'NodePort'
            $svc['spec']['ports'][0]['port'] | Should -Be 3306
            $svc['spec']['clusterIP'] | Should -Match '^\d+\.\d+\.\d+\.\d+$'
        }

        It 'Get-K8sPodEnvironment: MYSQL_HOST and MYSQL_USER as written, MYSQL_PASSWORD and MYSQL_DATABASE from the secret, masked' {
            $pod = @(Wait-PodsReady $ns 'app=helloworld-db' -Count 3)[0]['metadata']['name']
            $envs = Get-K8sPodEnvironment $pod -Namespace $ns -ErrorAction Stop
            $envs['MYSQL_HOST'].Value | Should -Be 'database-service'
            $envs['MYSQL_USER'].Value | Should -Be 'root'
            foreach ($pair in @(@('MYSQL_PASSWORD', 'rootPassword', 2), @('MYSQL_DATABASE', 'database', 3))) {
                $v = $envs[$pair[0]]
                $v.IsSecret | Should -BeTrue
                $v.Value | Should -BeNullOrEmpty
                $v.Source | Should -Be "secret helloworld-secrets key $($pair[1]) (spec.containers[0].env[$($pair[2])])"
                $plain = (Get-K8sPodEnvironment $pod -Namespace $ns -AsPlainText)[$pair[0]].Value
                $plain | Should -Be (Get-K8sSecretValue helloworld-secrets -Namespace $ns -Key $pair[1] -AsPlainText)
            }
            $text = Get-K8sCommandText { Get-K8sPodEnvironment $pod -Namespace $ns }
            $text | Should -Match 'MYSQL_PASSWORD\s+<secret, \d+ bytes>\s+secret helloworld-secrets key rootPassword'
            Find-SecretValue $text $secretValues | Should -BeNullOrEmpty
            $text.Contains($encodedOnly) | Should -BeFalse
        }

        It 'MYSQL_HOST resolves from the pods to database-service''s cluster IP, with a warning: no pod labelled app=database serves it' {
            $pod = @(Wait-PodsReady $ns 'app=helloworld-db' -Count 3)[0]['metadata']['name']
            $hostValue = (Get-K8sPodEnvironment $pod -Namespace $ns -ErrorAction Stop)['MYSQL_HOST'].Value
            $svc = Invoke-TestKubectl -n $ns get service database-service -Json
            $r = Resolve-K8sService "${hostValue}:3306" -Pod $pod -Namespace $ns -WarningVariable warned -WarningAction SilentlyContinue -ErrorAction Stop
            $r.Resolved | Should -BeTrue
            $r.AnsweredName | Should -Be "database-service.$ns.svc.cluster.local."
            $r.Addresses | Should -Be @($svc['spec']['clusterIP'])
            $r.Ports.Port | Should -Be 3306
            $r.ReadyEndpoints | Should -BeNullOrEmpty
            $warned | Should -Match 'has no ready endpoints'
        }

        It 'no secret value appears in what K8sPS prints: apply, re-apply, -WhatIf, get, lint, remove -WhatIf' {
            $texts = @(
                $applyText
                Get-K8sCommandText { Set-K8sResource -Path $exampleFiles -Namespace $ns }
                Get-K8sCommandText { Set-K8sResource -Path $exampleFiles -Namespace $ns -WhatIf }
                Get-K8sCommandText { Get-K8sResource secret helloworld-secrets -Namespace $ns }
                Get-K8sCommandText { Get-K8sResource secret helloworld-secrets -Namespace $ns | Format-List * }
                Get-K8sCommandText { Get-K8sResource -Path $exampleFiles -Namespace $ns }
                Get-K8sCommandText { Test-K8sManifest -Path $exampleFiles }
                Get-K8sCommandText { Remove-K8sResource -Path $exampleFiles -Namespace $ns -WhatIf }
            )
            $texts[3] | Should -Match 'helloworld-secrets'
            $texts[2] | Should -Match 'What if: .*secret/helloworld-secrets'
            Find-SecretValue ($texts -join "`n") $secretValues | Should -BeNullOrEmpty
            ($texts -join "`n").Contains($encodedOnly) | Should -BeFalse -Because "the base64 form $encodedOnly of a secret value must not be shown"
        }

        It 're-applying says unchanged' {
            $again = Invoke-ApplyCapture -Path $exampleFiles -Namespace $ns
            $again.Errors | Should -BeNullOrEmpty
            $again.Actions | Sort-Object | Should -Be ($created -replace ' created$', ' unchanged')
        }

        It 'removal by -Path leaves nothing' {
            Assert-ExampleRemoved $exampleFiles $ns
        }
    }
}
