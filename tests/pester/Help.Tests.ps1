<#
    Every exported cmdlet answers Get-Help with a synopsis, every parameter described, and an example;
    every exported alias points at an exported cmdlet.
#>
BeforeDiscovery {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Assert-K8sTestEnvironment
    Import-K8sTestModule
    $script:cmdlets = Get-Command -Module K8sPS -CommandType Cmdlet | ForEach-Object { @{ Name = $_.Name } }
}

Describe 'Help' {
    BeforeAll {
        Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
        Import-K8sTestModule
    }

    It '<Name> has a synopsis, described parameters and an example' -ForEach $cmdlets {
        $help = Get-Help $Name -Full
        $help.Synopsis | Should -Not -BeNullOrEmpty
        # Without MAML, Get-Help makes the synopsis from the syntax line: that must not be what we see.
        $help.Synopsis.Trim() | Should -Not -Match ('^' + [regex]::Escape($Name) + '\s*\[')
        @($help.Examples.Example).Count | Should -BeGreaterThan 0
        $common = [System.Management.Automation.Cmdlet]::CommonParameters
        foreach ($p in (Get-Command $Name).Parameters.Values | Where-Object Name -NotIn $common) {
            $described = $help.Parameters.Parameter | Where-Object Name -EQ $p.Name
            ($described.Description | Out-String).Trim() | Should -Not -BeNullOrEmpty -Because "-$($p.Name) of $Name needs a description"
        }
    }

    It 'exports Expose-K8sService as an alias of New-K8sService' {
        (Get-Alias Expose-K8sService).ResolvedCommandName | Should -Be 'New-K8sService'
        (Get-Module K8sPS).ExportedAliases.Keys | ForEach-Object { (Get-Alias $_).ResolvedCommand.Module.Name | Should -Be 'K8sPS' }
    }
}
