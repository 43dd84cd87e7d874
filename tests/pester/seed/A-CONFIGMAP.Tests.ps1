<#
    A-CONFIGMAP (kubernetes-notes.md lines 970-1025): an nginx reverse-proxy configuration (line 979, not YAML)
    made into the ConfigMap nginx-config with `kubectl create configmap --from-file`, and a pod helloworld-nginx
    mounting its key reverseproxy.conf into /etc/nginx/conf.d beside the k8s-demo container. Nothing is wrong
    in the pod (line 999); examples/A-CONFIGMAP/configmap.yaml is the ConfigMap declaratively, with the
    notes' conf as its value. What a user checks: the pod Running and Ready with both containers, and the
    ConfigMap's key reaching the pod's volume by the item written.
    The notes' own command, `kubectl create configmap nginx-config --from-file=reverseproxy.conf` (line 997), run
    through New-K8sConfigMap and kubectl from the same file must make the same ConfigMap; Get-K8sPodEnvironment
    shows the file the nginx container gets through the item, as the kubelet lays it out.
#>
BeforeDiscovery {
    Import-Module (Join-Path $PSScriptRoot '../TestHelpers.psm1') -Force
    Assert-K8sTestEnvironment
}

Describe 'A-CONFIGMAP pod mounting a ConfigMap key' {
    BeforeAll {
        Import-Module (Join-Path $PSScriptRoot '../TestHelpers.psm1') -Force
        Import-K8sTestModule
        Import-Module (Join-Path $PSScriptRoot 'ManifestScenarios.psm1') -Force
        Import-Module (Join-Path $PSScriptRoot 'NotesScenarios.psm1') -Force
        $script:ns = New-TestNamespace -Prefix 'a-configmap'
        $script:kns = New-TestNamespace -Prefix 'a-configmap-kubectl'
        $script:cns = New-TestNamespace -Prefix 'a-configmap-cmdlet'
        $script:ckns = New-TestNamespace -Prefix 'a-configmap-cmdlet-kubectl'
        # reverseproxy.conf as the notes give it (line 979), without the block's first line, which names the file.
        $script:work = Join-Path $TestDrive 'conf'
        $null = New-Item -ItemType Directory $work
        $conf = (Get-Content -Raw (Join-Path (Split-Path (Get-NotesYaml A-CONFIGMAP 999)) 'A-CONFIGMAP-979.conf')) -replace '^# reverseproxy.conf\r?\n', ''
        [IO.File]::WriteAllText((Join-Path $work 'reverseproxy.conf'), $conf)
        $script:example = Get-ExampleFolder 'A-CONFIGMAP'
        $script:exampleFiles = @(Get-ChildItem $example -Filter *.yaml | ForEach-Object FullName)
        $script:created = @('configmap/nginx-config created', 'pod/helloworld-nginx created') | Sort-Object
    }

    AfterAll {
        Remove-TestNamespace $script:ns
        Remove-TestNamespace $script:kns
        Remove-TestNamespace $script:cns
        Remove-TestNamespace $script:ckns
    }

    Context 'the notes as written' {
        It 'lint finds nothing in the pod' {
            Test-K8sManifest -Path (Get-NotesYaml A-CONFIGMAP 999) | Should -BeNullOrEmpty
        }

        It 'the ConfigMap of the example holds the notes'' conf (line 979) as kubectl create configmap --from-file would' {
            # The block's first line, `# reverseproxy.conf`, names the file (an nginx comment either way).
            $conf = (Get-Content -Raw (Join-Path (Split-Path (Get-NotesYaml A-CONFIGMAP 999)) 'A-CONFIGMAP-979.conf')) -replace '^# reverseproxy.conf\r?\n', ''
            $cm = ConvertFrom-K8sYaml -Path (Join-Path $example 'configmap.yaml')
            $cm.metadata.name | Should -Be 'nginx-config'
            $cm.data.'reverseproxy.conf'.Trim() | Should -Be $conf.Trim()
        }
    }

    Context 'the corrected copy (examples/A-CONFIGMAP)' {
        BeforeAll {
            $script:first = Invoke-ApplyCapture -Path $exampleFiles -Namespace $ns
        }

        It 'applies: every object created, no errors, no warnings' {
            $first.Errors | Should -BeNullOrEmpty
            $first.Warnings | Should -BeNullOrEmpty
            $first.Actions | Sort-Object | Should -Be $created
        }

        It 'makes on the server what kubectl apply makes of the same files' {
            Compare-WithKubectlApply -Path $exampleFiles -Namespace $ns -KubectlNamespace $kns -SkipKind Pod | Should -BeNullOrEmpty
            # A bare pod also carries what differs per namespace and per scheduling: its node and the
            # namespace's service-account token secret.
            $ours, $theirs = foreach ($n in $ns, $kns) {
                (Get-ComparableObject $n Pod helloworld-nginx) -replace '"nodeName":"[^"]*",?', '' -replace 'default-token-[a-z0-9]{5}', 'default-token'
            }
            $ours | Should -Be $theirs
        }

        It 'the pod is Running and Ready with both containers' {
            $pod = @(Wait-PodsReady $ns 'app=helloworld-nginx' -Count 1)[0]
            @($pod['status']['containerStatuses'] | ForEach-Object { $_['name'] } | Sort-Object) | Should -Be @('k8s-demo', 'nginx')
            @($pod['status']['containerStatuses'] | Where-Object { -not $_['ready'] }) | Should -BeNullOrEmpty
        }

        It 'mounts the ConfigMap key reverseproxy.conf into /etc/nginx/conf.d' {
            $pod = Invoke-TestKubectl -n $ns get pod helloworld-nginx -Json
            $volume = @($pod['spec']['volumes'] | Where-Object { $_['name'] -eq 'config-volume' })[0]
            $volume['configMap']['name'] | Should -Be 'nginx-config'
            $volume['configMap']['items'][0]['key'] | Should -Be 'reverseproxy.conf'
            $volume['configMap']['items'][0]['path'] | Should -Be 'reverseproxy.conf'
            $mount = @($pod['spec']['containers'] | Where-Object { $_['name'] -eq 'nginx' })[0]['volumeMounts'] | Where-Object { $_['name'] -eq 'config-volume' }
            $mount['mountPath'] | Should -Be '/etc/nginx/conf.d'
            (Invoke-TestKubectl -n $ns get configmap nginx-config -Json)['data']['reverseproxy.conf'] | Should -Match 'proxy_pass http://127.0.0.1:3000;'
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

    Context 'the ConfigMap made with New-K8sConfigMap from the notes'' file (line 997)' {
        BeforeAll {
            Push-Location $work
            try {
                New-K8sConfigMap nginx-config -Namespace $cns -FromFile reverseproxy.conf -ErrorAction Stop | Out-Null
                $null = Invoke-TestKubectl -n $ckns create configmap nginx-config --from-file=reverseproxy.conf
            } finally { Pop-Location }
        }

        It 'equals what kubectl create configmap --from-file makes of the same file' {
            Get-ComparableObject $cns ConfigMap nginx-config | Should -Be (Get-ComparableObject $ckns ConfigMap nginx-config)
            $cm = Get-K8sConfigMap nginx-config -Namespace $cns -ErrorAction Stop
            @($cm.Data.Keys) | Should -Be @('reverseproxy.conf')
            $cm.Data['reverseproxy.conf'] | Should -Be ([IO.File]::ReadAllText((Join-Path $work 'reverseproxy.conf')))
            (Get-K8sConfigMap -Namespace $cns | Out-String) | Should -Match 'nginx-config\s+1\s'
        }

        It 'holds the conf the example''s configmap.yaml writes' {
            $example = ConvertFrom-K8sYaml -Path (Join-Path (Get-ExampleFolder 'A-CONFIGMAP') 'configmap.yaml')
            (Get-K8sConfigMap nginx-config -Namespace $cns).Data['reverseproxy.conf'].Trim() | Should -Be $example.data.'reverseproxy.conf'.Trim()
        }

        It 'the example''s pod mounts it by its item: Get-K8sPodEnvironment shows /etc/nginx/conf.d/reverseproxy.conf in nginx only' {
            Set-K8sResource -Path (Join-Path (Get-ExampleFolder 'A-CONFIGMAP') 'pod.yaml') -Namespace $cns -ErrorAction Stop | Out-Null
            $null = Wait-PodsReady $cns 'app=helloworld-nginx' -Count 1
            $nginx = Get-K8sPodEnvironment helloworld-nginx -Namespace $cns -Container nginx -ErrorAction Stop
            $files = @($nginx.Files | Where-Object { $_.Source.Kind -eq 'configMap' })
            $files | Should -HaveCount 1
            $files[0].ContainerPath | Should -Be '/etc/nginx/conf.d/reverseproxy.conf'
            $files[0].Source.ObjectName | Should -Be 'nginx-config'
            $files[0].Source.Key | Should -Be 'reverseproxy.conf'
            $files[0].ModeOctal | Should -Be '0644'
            $files[0].Size | Should -Be (Get-Item (Join-Path $work 'reverseproxy.conf')).Length
            $demo = Get-K8sPodEnvironment helloworld-nginx -Namespace $cns -Container k8s-demo
            @($demo.Files | Where-Object { $_.Source.Kind -eq 'configMap' }) | Should -BeNullOrEmpty
        }
    }
}
