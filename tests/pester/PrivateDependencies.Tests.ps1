<#
    K8sPS keeps KubernetesClient and YamlDotNet in its own load context. A session that already loaded
    another YamlDotNet (11.2.1, as powershell-yaml does) must still import K8sPS and use it.
#>
BeforeDiscovery {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Assert-K8sTestEnvironment
}

Describe 'Private dependencies' {
    BeforeAll {
        Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
        $nuget = if ($env:NUGET_PACKAGES) { $env:NUGET_PACKAGES } else { Join-Path ([Environment]::GetFolderPath('UserProfile')) '.nuget/packages' }
        $script:oldYaml = Join-Path $nuget 'yamldotnet/11.2.1/lib/netstandard2.1/YamlDotNet.dll'
    }

    It 'imports and works in a session that loaded YamlDotNet 11.2.1 first' {
        $oldYaml | Should -Exist -Because 'build.ps1 -Task Bootstrap restores it (tools/test-deps)'
        $child = {
            param($OldYaml, $ModulePath)
            $ErrorActionPreference = 'Stop'
            Add-Type -Path $OldYaml
            Import-Module $ModulePath
            # Reading the kubeconfig parses YAML with the module's own YamlDotNet; listing pods uses KubernetesClient.
            $pods = @(Get-K8sPod -Namespace kube-system)
            $context = Get-K8sContext -Current
            # The session's YamlDotNet is still the old one; the module's context holds its own.
            $sessionYaml = [YamlDotNet.Serialization.Deserializer].Assembly.GetName().Version.ToString()
            $moduleAlc = [System.Runtime.Loader.AssemblyLoadContext]::All | Where-Object Name -EQ 'K8sPS.Dependencies'
            [pscustomobject]@{
                Context     = $context.Name
                Listed      = $true
                PodCount    = $pods.Count
                SessionYaml = $sessionYaml
                ModuleYaml  = ($moduleAlc.Assemblies | Where-Object { $_.GetName().Name -eq 'YamlDotNet' }).GetName().Version.ToString()
                ModuleK8s   = [bool]($moduleAlc.Assemblies | Where-Object { $_.GetName().Name -eq 'KubernetesClient' })
            } | ConvertTo-Json -Compress
        }
        $output = Invoke-TestPwsh -NoLogo -NoProfile -NonInteractive -Command $child -args $oldYaml, $env:K8SPS_TEST_MODULE 2>&1
        $LASTEXITCODE | Should -Be 0 -Because ($output -join "`n")
        $result = ($output | Select-Object -Last 1) | ConvertFrom-Json
        $result.Context | Should -Be $env:K8SPS_TEST_CONTEXT
        $result.Listed | Should -BeTrue
        $result.SessionYaml | Should -Be '11.0.0.0'
        $result.ModuleYaml | Should -BeLike '18.*'
        $result.ModuleK8s | Should -BeTrue
    }
}
