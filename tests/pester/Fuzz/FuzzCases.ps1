# The cases of Fuzz.Tests.ps1 and of the bench's fuzz run: the xunit fuzzer's YamlMutator (loaded by reflection from
# the built test assembly, so there is one mutator, not a copy) over the notes' and examples' YAML, written to files
# and fed through the module's cmdlets. Dot-source it.

# The YamlMutator type of tests/K8sPS.Engine.Tests, building the test assembly first when it is not there.
function Get-YamlMutatorType([string] $RepoRoot) {
    $project = Join-Path $RepoRoot 'tests/K8sPS.Engine.Tests'
    $find = { Get-ChildItem -Path (Join-Path $project 'bin') -Recurse -Filter 'K8sPS.Engine.Tests.dll' -ErrorAction SilentlyContinue |
        Where-Object { $_.Directory.Name -like 'net*' } | Sort-Object LastWriteTimeUtc -Descending | Select-Object -First 1 }
    $dll = & $find
    if (-not $dll) {
        & dotnet build $project -c Release -v q -clp:ErrorsOnly | Out-Host
        if ($LASTEXITCODE -ne 0) { throw "could not build $project for its YamlMutator" }
        $dll = & $find
    }
    # Only the mutator is used, and it needs nothing but the BCL: the test assembly's own references stay unloaded.
    $assembly = [Reflection.Assembly]::LoadFile($dll.FullName)
    $type = $assembly.GetType('K8sPS.Engine.Tests.Fuzz.YamlMutator', $true)
    $type
}

# The corpus in the xunit fuzzer's order: notes-yaml/*.yaml and examples/**/*.yaml, by full path (ordinal).
function Get-FuzzCorpus([string] $RepoRoot) {
    $paths = [string[]] @(
        Get-ChildItem -Path (Join-Path $RepoRoot 'tests/pester/seed/notes-yaml') -Filter '*.yaml' -File | ForEach-Object FullName
        Get-ChildItem -Path (Join-Path $RepoRoot 'examples') -Filter '*.yaml' -File -Recurse | ForEach-Object FullName
    )
    [Array]::Sort($paths, [StringComparer]::Ordinal)
    $paths
}

# Writes $Count mutated cases (seed $Seed) to $Directory as <case>-<source>.yaml; returns one object per case.
function New-FuzzCaseFile($MutatorType, [int] $Seed, [int] $Count, [string] $RepoRoot, [string] $Directory) {
    $null = New-Item -ItemType Directory -Force -Path $Directory
    $corpus = @(Get-FuzzCorpus $RepoRoot)
    if ($corpus.Count -lt 30) { throw "the fuzz corpus should be the notes' and examples' YAML; found $($corpus.Count) files" }
    $texts = @($corpus | ForEach-Object { [IO.File]::ReadAllText($_) })
    $flags = [Reflection.BindingFlags]'Instance,Public,NonPublic'
    $mutator = [Activator]::CreateInstance($MutatorType, $flags, $null, @($Seed), $null)
    $mutate = $MutatorType.GetMethod('Mutate')
    $name = $MutatorType.GetProperty('Name')
    for ($i = 0; $i -lt $Count; $i++) {
        $source = $corpus[$i % $corpus.Count]
        [byte[]] $bytes = $mutate.Invoke($mutator, @($texts[$i % $corpus.Count]))
        $path = Join-Path $Directory ('{0:d5}-{1}' -f $i, [IO.Path]::GetFileName($source))
        [IO.File]::WriteAllBytes($path, $bytes)
        [pscustomobject]@{ Case = $i; Path = $path; Source = [IO.Path]::GetFileName($source); Mutation = $name.GetValue($mutator) }
    }
}

# Runs each case through each command on a thread of its own (so a hang is seen, not waited for forever): returns
# whether all finished, the last case started, the problems (a throw, an ErrorRecord or issue without the file and
# a line), and how many objects and ErrorRecords came out.
function Invoke-FuzzCase($Files, [string[]] $Commands, [string] $ModulePath, [int] $TimeoutSeconds) {
    $progress = [hashtable]::Synchronized(@{ Last = ''; Problems = [Collections.ArrayList]::Synchronized([Collections.ArrayList]::new()); Objects = 0; ErrorRecords = 0 })
    $job = Start-ThreadJob -ArgumentList $ModulePath, @($Files), $Commands, $progress -ScriptBlock {
        param($modulePath, $files, $commands, $progress)
        Import-Module $modulePath -ErrorAction Stop
        $WarningPreference = 'SilentlyContinue'
        $InformationPreference = 'SilentlyContinue'
        foreach ($f in $files) {
            $leaf = [IO.Path]::GetFileName($f.Path)
            $named = [regex]::new([regex]::Escape($leaf) + ':\d+')
            foreach ($command in $commands) {
                if ($progress.Problems.Count -gt 20) { return }
                $label = "case $($f.Case) ($($f.Source), $($f.Mutation)) through $command"
                $progress.Last = $label
                $errs = $null
                try {
                    $out = switch ($command) {
                        'ConvertFrom-K8sYaml' { ConvertFrom-K8sYaml -LiteralPath $f.Path -ErrorVariable errs -ErrorAction SilentlyContinue }
                        'Test-K8sManifest' { Test-K8sManifest -LiteralPath $f.Path -ErrorVariable errs -ErrorAction SilentlyContinue }
                        'Set-K8sResource -WhatIf' { Set-K8sResource -LiteralPath $f.Path -WhatIf -ErrorVariable errs -ErrorAction SilentlyContinue 6>$null }
                        'Set-K8sResource -WhatIf -SkipLint' { Set-K8sResource -LiteralPath $f.Path -WhatIf -SkipLint -ErrorVariable errs -ErrorAction SilentlyContinue 6>$null }
                    }
                } catch {
                    $null = $progress.Problems.Add("${label}: threw $($_.Exception.GetType().FullName): $($_.Exception.Message)")
                    continue
                }
                foreach ($o in @($out)) {
                    $progress.Objects++
                    if ($command -eq 'Test-K8sManifest' -and $o.GetType().FullName -eq 'K8sPS.Engine.Lint.ManifestIssue' -and
                        ([IO.Path]::GetFileName("$($o.File)") -ne $leaf -or $o.Line -lt 1)) {
                        $null = $progress.Problems.Add("${label}: issue without the file and a line: $o")
                    }
                }
                foreach ($e in @($errs)) {
                    $progress.ErrorRecords++
                    if (-not $named.IsMatch("$e")) { $null = $progress.Problems.Add("${label}: ErrorRecord without the file and a line: $e") }
                    # By name: the Engine's types load in the module's own context, which type literals do not search.
                    if ($e.Exception.GetType().FullName -ne 'K8sPS.Engine.Errors.K8sException') {
                        $null = $progress.Problems.Add("${label}: ErrorRecord from $($e.Exception.GetType().FullName), not a K8sException: $e")
                    }
                }
            }
        }
    }
    $finished = [bool] ($job | Wait-Job -Timeout $TimeoutSeconds)
    if (-not $finished) { $job | Stop-Job }
    $failure = if ($job.State -eq 'Failed') { "the fuzz thread failed: $($job.ChildJobs[0].JobStateInfo.Reason)" }
    $job | Remove-Job -Force
    [pscustomobject]@{
        Finished     = $finished
        Last         = $progress.Last
        Problems     = @($progress.Problems) + @($failure | Where-Object { $_ })
        Objects      = $progress.Objects
        ErrorRecords = $progress.ErrorRecords
    }
}
