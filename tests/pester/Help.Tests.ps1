<#
    Every exported command (the cmdlets, the functions of K8sPS.Pester.psm1, and so every alias's target) answers
    Get-Help with a synopsis, a description, every parameter described, and an example; every exported alias
    points at an exported command. HelpExamples.Tests.ps1 runs the examples.
#>
BeforeDiscovery {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Assert-K8sTestEnvironment
    Import-K8sTestModule
    $script:cmdlets = Get-Command -Module K8sPS -CommandType Cmdlet | ForEach-Object { @{ Name = $_.Name } }
    $script:functions = Get-Command -Module K8sPS -CommandType Function | ForEach-Object { @{ Name = $_.Name } }
    $script:aliases = (Get-Module K8sPS).ExportedAliases.Values | ForEach-Object { @{ Name = $_.Name } }
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

    It '<Name> has a description' -ForEach $cmdlets {
        ((Get-Help $Name -Full).Description | Out-String).Trim() | Should -Not -BeNullOrEmpty
    }

    It 'function <Name> has a synopsis, a description, described parameters and an example' -ForEach $functions {
        $help = Get-Help $Name -Full
        $help.Synopsis.Trim() | Should -Not -Match ('^' + [regex]::Escape($Name) + '\s*\[') -Because 'comment-based help must be found'
        ($help.Description | Out-String).Trim() | Should -Not -BeNullOrEmpty
        @($help.Examples.Example).Count | Should -BeGreaterThan 0
        # -WhatIf and -Confirm of a function are PowerShell's, described by about_CommonParameters.
        $common = [System.Management.Automation.Cmdlet]::CommonParameters + [System.Management.Automation.Cmdlet]::OptionalCommonParameters
        foreach ($p in (Get-Command $Name).Parameters.Values | Where-Object Name -NotIn $common) {
            $described = $help.Parameters.Parameter | Where-Object Name -EQ $p.Name
            ($described.Description | Out-String).Trim() | Should -Not -BeNullOrEmpty -Because "-$($p.Name) of $Name needs a description"
        }
    }

    It 'alias <Name> points at an exported command, whose help Get-Help shows' -ForEach $aliases {
        $target = (Get-Alias $Name).ResolvedCommand
        $target.Module.Name | Should -Be 'K8sPS'
        (Get-Module K8sPS).ExportedCommands.Keys | Should -Contain $target.Name
        # Get-Help of the alias is the target's help.
        (Get-Help $Name).Name | Should -Be $target.Name
    }

    It 'exports Expose-K8sService as an alias of New-K8sService' {
        (Get-Alias Expose-K8sService).ResolvedCommandName | Should -Be 'New-K8sService'
        (Get-Module K8sPS).ExportedAliases.Keys | ForEach-Object { (Get-Alias $_).ResolvedCommand.Module.Name | Should -Be 'K8sPS' }
    }
}
