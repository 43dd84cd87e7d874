<#
    Get-K8sContext / Use-K8sContext on a copy of the test kubeconfig: switching context or namespace
    edits only those values, and every cmdlet defaults to the context's namespace.
#>
BeforeDiscovery {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Assert-K8sTestEnvironment
}

Describe 'Contexts' {
    BeforeAll {
        Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
        Import-K8sTestModule
        $script:ns = New-TestNamespace -Prefix 'ctx'
        # A copy with a second context: Use-K8sContext never edits the test cluster's own file.
        $script:copy = Join-Path $TestDrive 'kubeconfig'
        Copy-Item $env:K8SPS_TEST_KUBECONFIG $copy
        $null = & kubectl --kubeconfig $copy config set-context other --cluster=none --user=none
        $script:saved = $env:KUBECONFIG
        $env:KUBECONFIG = $copy
    }

    AfterAll {
        $env:KUBECONFIG = $script:saved
        Remove-TestNamespace $script:ns
    }

    It 'lists contexts as kubectl config get-contexts does' {
        $contexts = Get-K8sContext
        $contexts.Name | Should -Contain $env:K8SPS_TEST_CONTEXT
        $contexts.Name | Should -Contain 'other'
        (Get-K8sContext -Current).Name | Should -Be $env:K8SPS_TEST_CONTEXT
        Get-K8sContext | Out-String | Should -Match 'CURRENT\s+NAME\s+CLUSTER\s+AUTHINFO\s+NAMESPACE'
    }

    It 'switches the namespace by editing only that value, and cmdlets follow it' {
        $before = Get-Content -Raw $copy
        Use-K8sContext -Namespace $ns
        (Get-K8sContext -Current).Namespace | Should -Be $ns
        & kubectl --kubeconfig $copy config view --minify -o 'jsonpath={..namespace}' | Should -Be $ns
        $after = Get-Content -Raw $copy
        ($after -split "`n").Count | Should -BeIn @(($before -split "`n").Count, (($before -split "`n").Count + 1))
        $d = New-K8sDeployment -Name 'in-context-ns' -Image nginx
        $d.Namespace | Should -Be $ns
        Remove-K8sDeployment 'in-context-ns'
    }

    It 'switches the current context, and -WhatIf changes nothing' {
        $before = Get-Content -Raw $copy
        Use-K8sContext other -WhatIf
        Get-Content -Raw $copy | Should -BeExactly $before
        Use-K8sContext other
        & kubectl --kubeconfig $copy config current-context | Should -Be 'other'
        Use-K8sContext $env:K8SPS_TEST_CONTEXT
        Get-Content -Raw $copy | Should -BeExactly $before
    }

    It 'refuses an unknown context and changes nothing' {
        $before = Get-Content -Raw $copy
        Use-K8sContext 'nope' -ErrorVariable err -ErrorAction SilentlyContinue
        $err[0].FullyQualifiedErrorId | Should -Be 'ContextNotFound,K8sPS.Config.UseK8sContextCommand'
        Get-Content -Raw $copy | Should -BeExactly $before
    }

    It 'reads credentials from an exec plugin, as EKS and GKE kubeconfigs do' {
        # The test cluster's own credentials, handed out by a plugin script beside the kubeconfig
        # (a relative command, resolved against the kubeconfig's folder as kubectl does).
        $view = (& kubectl --kubeconfig $env:K8SPS_TEST_KUBECONFIG config view --raw --minify -o json) -join "`n" | ConvertFrom-Json
        $user = $view.users[0].user
        $status = if ($user.PSObject.Properties['token']) { @{ token = $user.token } }
                  elseif ($user.PSObject.Properties['client-certificate-data']) {
                      @{ clientCertificateData = [Text.Encoding]::ASCII.GetString([Convert]::FromBase64String($user.'client-certificate-data'))
                         clientKeyData = [Text.Encoding]::ASCII.GetString([Convert]::FromBase64String($user.'client-key-data')) } }
        if (-not $status) { Set-ItResult -Skipped -Because 'the test cluster user has neither a token nor client certificate data'; return }
        $dir = Join-Path $TestDrive 'exec'
        $null = New-Item -ItemType Directory -Force (Join-Path $dir 'bin')
        $credential = @{ apiVersion = 'client.authentication.k8s.io/v1beta1'; kind = 'ExecCredential'; status = $status } | ConvertTo-Json -Compress
        Set-Content (Join-Path $dir 'bin/credential.json') $credential
        Set-Content (Join-Path $dir 'bin/get-credential') "#!/bin/sh`ncat `"`$(dirname `"`$0`")/credential.json`"`n"
        & chmod +x (Join-Path $dir 'bin/get-credential')
        $cluster = $view.clusters[0].cluster | ConvertTo-Json -Compress
        @"
apiVersion: v1
kind: Config
clusters:
- name: c
  cluster: $cluster
users:
- name: plugin
  user:
    exec:
      apiVersion: client.authentication.k8s.io/v1beta1
      command: ./bin/get-credential
      interactiveMode: Never
contexts:
- name: via-plugin
  context: {cluster: c, user: plugin, namespace: default}
current-context: via-plugin
"@ | Set-Content (Join-Path $dir 'config')
        $env:KUBECONFIG = Join-Path $dir 'config'
        try {
            (Get-K8sContext -Current).AuthMethod | Should -Be 'Exec'
            # Every cluster has this service; reading it needs the plugin's credential.
            (Get-K8sService kubernetes -ErrorAction Stop).Spec.ClusterIP | Should -Not -BeNullOrEmpty
        } finally { $env:KUBECONFIG = $copy }
    }

    It 'reports a kubeconfig that is not YAML as a clear error' {
        $bad = Join-Path $TestDrive 'broken'
        Set-Content $bad "clusters: [`n  - name: x`n  cluster: {"
        $env:KUBECONFIG = $bad
        try {
            { Get-K8sPod -ErrorAction Stop } | Should -Throw -ErrorId 'InvalidKubeconfig,K8sPS.Workloads.GetK8sPodCommand'
            try { Get-K8sPod } catch { $err = $_ }
            $err.CategoryInfo.Category | Should -Be 'InvalidData'
            $err.Exception.Message | Should -Match ([regex]::Escape($bad))
        } finally { $env:KUBECONFIG = $copy }
    }
}
