<#
    The module as users install it: the built module folder packed into a .nupkg the way `build.ps1 -Task
    Package` packs it (Compress-PSResource), installed with Install-PSResource from a local folder repository
    into a fresh user scope (a pwsh whose HOME is empty), imported by name, and used against the test cluster.
    No repository but the folder is asked: nothing leaves the machine.
#>
BeforeDiscovery {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Assert-K8sTestEnvironment
}

Describe 'The K8sPS package' {
    BeforeAll {
        Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
        Assert-K8sTestEnvironment
        Import-Module Microsoft.PowerShell.PSResourceGet
        $script:moduleFolder = Split-Path $env:K8SPS_TEST_MODULE
        $script:repo = Join-Path $TestDrive 'repo'
        $null = New-Item -ItemType Directory $repo
        Compress-PSResource -Path $moduleFolder -DestinationPath $repo
        $script:version = (Import-PowerShellDataFile $env:K8SPS_TEST_MODULE).ModuleVersion
    }

    It 'is one .nupkg named after the module and its version, with the manifest a gallery needs' {
        $nupkg = @(Get-ChildItem $repo -Filter '*.nupkg')
        $nupkg | Should -HaveCount 1
        $nupkg[0].Name | Should -Be "K8sPS.$version.nupkg"
        $manifest = Import-PowerShellDataFile $env:K8SPS_TEST_MODULE
        $manifest.PowerShellVersion | Should -Be '7.4'
        $manifest.CompatiblePSEditions | Should -Be @('Core')
        $manifest.Description | Should -Not -BeNullOrEmpty
        foreach ($key in 'Tags', 'ProjectUri', 'LicenseUri', 'ReleaseNotes') { $manifest.PrivateData.PSData[$key] | Should -Not -BeNullOrEmpty -Because "$key is part of a complete manifest" }
        $manifest.ModuleVersion | Should -Not -Be '{{Version}}'
        Test-Path (Join-Path $moduleFolder 'LICENSE') | Should -BeTrue
    }

    It 'installs into a fresh scope with Install-PSResource, imports by name and works against the cluster' {
        $home2 = Join-Path $TestDrive 'home'
        $null = New-Item -ItemType Directory $home2
        $script = Join-Path $TestDrive 'install.ps1'
        @'
param($Repo)
$ErrorActionPreference = 'Stop'
Register-PSResourceRepository -Name k8sps-local -Uri $Repo -Trusted
Install-PSResource K8sPS -Repository k8sps-local -Scope CurrentUser -TrustRepository -Quiet
Import-Module K8sPS
$m = Get-Module K8sPS
"path=$($m.Path)"
"version=$($m.Version)"
"context=$((Get-K8sContext -Current).Name)"
"namespaces=$(@(Get-K8sResource namespace -ErrorAction Stop).Count)"
'@ | Set-Content -LiteralPath $script
        $saved = $env:HOME
        try {
            # A user who never installed anything: an empty HOME, so an empty user module path and repository list.
            $env:HOME = $home2
            $out = Invoke-TestPwsh -NoLogo -NoProfile -NonInteractive -File $script -Repo $repo 2>&1
        } finally { $env:HOME = $saved }
        $LASTEXITCODE | Should -Be 0 -Because ($out | Out-String)
        $text = $out | Out-String
        $text | Should -Match ([regex]::Escape("path=$home2"))
        $text | Should -Match "version=$([regex]::Escape($version))"
        $text | Should -Match "context=$([regex]::Escape($env:K8SPS_TEST_CONTEXT))"
        $text | Should -Match 'namespaces=[1-9]'
    }
}
