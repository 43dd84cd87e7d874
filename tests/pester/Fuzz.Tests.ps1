# The xunit fuzzer's mutations (tests/K8sPS.Engine.Tests/Fuzz/YamlMutator.cs, loaded from the test assembly, not
# copied) of every YAML example of the notes and of examples/, fed through the real module: ConvertFrom-K8sYaml,
# Test-K8sManifest and Set-K8sResource -WhatIf, with and without -SkipLint (a server dry run on the test cluster). Never an unhandled exception
# and never a hang: only ErrorRecords, each naming the case's file and a line. A fixed seed; K8SPS_FUZZ_CASES
# raises the count (the bench runs 10,000, without the server dry run: see tests/bench/Bulk.Bench.ps1).
BeforeDiscovery {
    $script:withServer = [bool] $env:K8SPS_TEST_CONTEXT
}

BeforeAll {
    $ErrorActionPreference = 'Stop'
    $helpers = Join-Path $PSScriptRoot 'TestHelpers.psm1'
    if ($env:K8SPS_TEST_CONTEXT -and (Test-Path $helpers)) {
        Import-Module $helpers -Force
        Import-K8sTestModule
    } else {
        $modulePath = if ($env:K8SPS_TEST_MODULE) { $env:K8SPS_TEST_MODULE } else { Join-Path $PSScriptRoot '../../out/K8sPS/K8sPS.psd1' }
        Import-Module $modulePath -Global -Force
    }
    . (Join-Path $PSScriptRoot 'Fuzz/FuzzCases.ps1')
    $script:root = (Resolve-Path (Join-Path $PSScriptRoot '../..')).Path
    $script:mutator = Get-YamlMutatorType -RepoRoot $root
    $script:seed = 20261201
    $script:cases = if ($env:K8SPS_FUZZ_CASES) { [int] $env:K8SPS_FUZZ_CASES } else { 300 }
    # Without the test cluster nothing is sent anywhere: no kubeconfig, so Test-K8sManifest checks its own schema
    # (and does not try a user's default cluster for each case).
    $script:previousKubeconfig = $env:KUBECONFIG
    if (-not $env:K8SPS_TEST_CONTEXT) { $env:KUBECONFIG = Join-Path $TestDrive 'no-kubeconfig' }
}

AfterAll {
    $env:KUBECONFIG = $previousKubeconfig
}

Describe 'Fuzzed manifests through the cmdlets' {
    It 'never throw, never hang, and fail only with ErrorRecords that name the file and a line (<cases> cases, seed <seed>)' {
        $dir = Join-Path $TestDrive 'cases'
        $files = New-FuzzCaseFile -MutatorType $mutator -Seed $seed -Count $cases -RepoRoot $root -Directory $dir
        $files.Count | Should -Be $cases
        $commands = @('ConvertFrom-K8sYaml', 'Test-K8sManifest')
        # -SkipLint too: then the apply itself meets what lint would have refused.
        if ($env:K8SPS_TEST_CONTEXT) { $commands += 'Set-K8sResource -WhatIf', 'Set-K8sResource -WhatIf -SkipLint' }
        $run = Invoke-FuzzCase -Files $files -Commands $commands -ModulePath (Get-Module K8sPS).Path -TimeoutSeconds 900
        $run.Finished | Should -BeTrue -Because "no case may hang; the last one started was $($run.Last)"
        $run.Problems | Should -BeNullOrEmpty
        # The mutations do reach the reader's refusals, and the unbroken documents still go through.
        $run.ErrorRecords | Should -BeGreaterThan 0
        $run.Objects | Should -BeGreaterThan 0
    }

    It 'refuses a YAML bomb (billion laughs) with a clear error naming the file, without expanding it' {
        $bomb = Join-Path $TestDrive 'lol.yaml'
        $laughs = $mutator.GetMethod('BillionLaughs', [Reflection.BindingFlags]'Static,NonPublic,Public').Invoke($null, @())
        Set-Content -LiteralPath $bomb -Value (@($laughs) -join "`n")
        $job = Start-ThreadJob -ArgumentList (Get-Module K8sPS).Path, $bomb -ScriptBlock {
            param($module, $file)
            Import-Module $module
            $out = ConvertFrom-K8sYaml -Path $file -ErrorVariable errs -ErrorAction SilentlyContinue
            [pscustomobject]@{ Out = @($out).Count; Errors = @($errs | ForEach-Object { "$_" }); Ids = @($errs | ForEach-Object FullyQualifiedErrorId) }
        }
        # A guard against a hang, not a timing assertion: expanding a billion values would take hours.
        $done = $job | Wait-Job -Timeout 120
        $done | Should -Not -BeNullOrEmpty -Because 'a bomb must be refused, not expanded'
        $r = $job | Receive-Job
        $job | Remove-Job -Force
        $r.Out | Should -Be 0
        $r.Errors.Count | Should -Be 1
        $r.Errors[0] | Should -Match 'lol\.yaml'
        $r.Errors[0] | Should -Match 'expands to more than 400,000 values through its aliases'
    }
}
