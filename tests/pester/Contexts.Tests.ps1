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
}
