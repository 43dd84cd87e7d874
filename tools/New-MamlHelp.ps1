<#
.SYNOPSIS
    Writes the module's MAML help (en-US/K8sPS.dll-Help.xml) from the cmdlets' real metadata and the
    text in module/help.
.DESCRIPTION
    Syntax, parameter types, positions, pipeline input, aliases, wildcards, inputs and outputs come from
    the imported module, so help can never disagree with the code. module/help/<Cmdlet>.psd1 gives the
    words: Synopsis, Description, Parameters (name -> text), Examples (Code, Remarks), Notes, Links.
    A cmdlet without a help file, a parameter without text, or text for a parameter the cmdlet lacks is
    reported (with -Strict: fails); tests/pester/Help.Tests.ps1 holds every cmdlet to it.
.EXAMPLE
    ./tools/New-MamlHelp.ps1 -ModulePath out/K8sPS -HelpSource module/help
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)] [string] $ModulePath,
    [Parameter(Mandatory)] [string] $HelpSource,
    # Fail instead of warning when help is incomplete.
    [switch] $Strict
)
$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest

$manifest = Join-Path $ModulePath 'K8sPS.psd1'
$module = Import-Module $manifest -PassThru -Force
$commonParameters = [System.Management.Automation.Cmdlet]::CommonParameters
# -WhatIf and -Confirm belong in each changing cmdlet's syntax; their text is the same everywhere.
$standardTexts = @{
    WhatIf  = 'Shows what would happen if the cmdlet runs. The cmdlet is not run.'
    Confirm = 'Prompts you for confirmation before running the cmdlet.'
    Watch = 'After the objects (each as ADDED), writes every change as it happens (ADDED, MODIFIED, DELETED, as kubectl get -w --output-watch-events), resuming after a dropped connection; Ctrl+C ends it.'
    ThrottleLimit = "How many piped items are in flight at once (each asked for -Confirm/-WhatIf in input order, output in input order). Default: $([K8sPS.Infrastructure.Throttle]::DefaultLimit)."
}

$ns = @{
    maml    = 'http://schemas.microsoft.com/maml/2004/10'
    command = 'http://schemas.microsoft.com/maml/dev/command/2004/10'
    dev     = 'http://schemas.microsoft.com/maml/dev/2004/10'
}

$settings = [System.Xml.XmlWriterSettings]::new()
$settings.Indent = $true
$settings.Encoding = [System.Text.UTF8Encoding]::new($false)
$outDir = Join-Path $ModulePath 'en-US'
$null = New-Item -ItemType Directory -Force $outDir
# Named after the assembly that holds the cmdlets, which is where Get-Help looks.
$outFile = Join-Path $outDir 'K8sPS.dll-Help.xml'
$w = [System.Xml.XmlWriter]::Create($outFile, $settings)

function Start-El([string] $prefix, [string] $name) { $w.WriteStartElement($prefix, $name, $ns[$prefix]) }
function End-El { $w.WriteEndElement() }
function Write-El([string] $prefix, [string] $name, [string] $text) { $w.WriteElementString($prefix, $name, $ns[$prefix], $text) }
function Write-Paras([string] $prefix, [string] $name, [string] $text) {
    Start-El $prefix $name
    foreach ($para in ($text -split '\r?\n\s*\r?\n')) { Write-El maml para ($para -replace '\s*\r?\n\s*', ' ').Trim() }
    End-El
}

function Get-TypeName([type] $type) {
    if ($type -eq [System.Management.Automation.SwitchParameter]) { return 'SwitchParameter' }
    $t = if ($type.IsGenericType -and $type.GetGenericTypeDefinition() -eq [Nullable`1]) { $type.GetGenericArguments()[0] } else { $type }
    $t.FullName -replace '^System\.', ''
}

function Get-PipelineText($attributes) {
    $kinds = @()
    if ($attributes | Where-Object ValueFromPipeline) { $kinds += 'ByValue' }
    if ($attributes | Where-Object ValueFromPipelineByPropertyName) { $kinds += 'ByPropertyName' }
    if ($kinds) { "True ($($kinds -join ', '))" } else { 'False' }
}

function Write-Parameter($parameter, $attribute, [string] $description, [bool] $full) {
    $attributes = @($parameter.Attributes | Where-Object { $_ -is [System.Management.Automation.ParameterAttribute] })
    $att = if ($attribute) { $attribute } else { $attributes[0] }
    $isSwitch = $parameter.ParameterType -eq [System.Management.Automation.SwitchParameter]
    Start-El command parameter
    $w.WriteAttributeString('required', "$([bool]$att.Mandatory)".ToLowerInvariant())
    $w.WriteAttributeString('variableLength', "$($parameter.ParameterType.IsArray)".ToLowerInvariant())
    $w.WriteAttributeString('globbing', "$([bool]($parameter.Attributes | Where-Object { $_ -is [System.Management.Automation.SupportsWildcardsAttribute] }))".ToLowerInvariant())
    $w.WriteAttributeString('pipelineInput', (Get-PipelineText @($att)))
    $w.WriteAttributeString('position', $(if ($att.Position -ge 0) { "$($att.Position)" } else { 'named' }))
    $w.WriteAttributeString('aliases', $(if ($parameter.Aliases.Count) { $parameter.Aliases -join ', ' } else { 'none' }))
    Write-El maml name $parameter.Name
    Write-Paras maml description $description
    if (-not $isSwitch) {
        Start-El command parameterValue
        $w.WriteAttributeString('required', 'true'); $w.WriteAttributeString('variableLength', "$($parameter.ParameterType.IsArray)".ToLowerInvariant())
        $w.WriteString((Get-TypeName $parameter.ParameterType)); End-El
    }
    Start-El dev type; Write-El maml name (Get-TypeName $parameter.ParameterType); End-El
    if ($full) { Write-El dev defaultValue 'None' }
    $validateSet = $parameter.Attributes | Where-Object { $_ -is [System.Management.Automation.ValidateSetAttribute] } | Select-Object -First 1
    if ($validateSet) {
        Start-El command parameterValueGroup
        foreach ($v in $validateSet.ValidValues) { Start-El command parameterValue; $w.WriteAttributeString('required', 'false'); $w.WriteAttributeString('variableLength', 'false'); $w.WriteString($v); End-El }
        End-El
    }
    End-El
}

$problems = [System.Collections.Generic.List[string]]::new()
$w.WriteStartDocument()
$w.WriteStartElement('helpItems', 'http://msh')
$w.WriteAttributeString('schema', 'maml')
$cmdlets = Get-Command -Module $module.Name -CommandType Cmdlet | Sort-Object Name
foreach ($cmd in $cmdlets) {
    $source = Join-Path $HelpSource "$($cmd.Name).psd1"
    if (-not (Test-Path $source)) { $problems.Add("$($cmd.Name): no help file $source"); continue }
    $help = Import-PowerShellDataFile $source
    foreach ($key in 'Synopsis', 'Description', 'Examples') { if (-not $help[$key]) { $problems.Add("$($cmd.Name): $key is missing in $source") } }
    $texts = $standardTexts.Clone()
    if ($help['Parameters']) { foreach ($k in $help.Parameters.Keys) { $texts[$k] = $help.Parameters[$k] } }
    $parameters = @($cmd.Parameters.Values | Where-Object { $_.Name -notin $commonParameters } | Sort-Object Name)
    foreach ($p in $parameters) { if (-not $texts[$p.Name]) { $problems.Add("$($cmd.Name): parameter -$($p.Name) has no text in $source") } }
    foreach ($name in $texts.Keys) { if ($name -notin $standardTexts.Keys -and $name -notin $parameters.Name) { $problems.Add("$($cmd.Name): $source describes -$name, which the cmdlet does not have") } }

    Start-El command command
    Start-El command details
    Write-El command name $cmd.Name
    Write-El command verb $cmd.Verb
    Write-El command noun $cmd.Noun
    Write-Paras maml description $help.Synopsis
    End-El
    Write-Paras maml description $help.Description

    Start-El command syntax
    foreach ($set in ($cmd.ParameterSets | Sort-Object { -not $_.IsDefault }, Name)) {
        Start-El command syntaxItem
        Write-El maml name $cmd.Name
        $inSet = $set.Parameters | Where-Object { $_.Name -notin $commonParameters } | Sort-Object { if ($_.Position -ge 0) { $_.Position } else { 1000 } }, { -not $_.IsMandatory }, Name
        foreach ($sp in $inSet) {
            $p = $cmd.Parameters[$sp.Name]
            $att = $p.Attributes | Where-Object { $_ -is [System.Management.Automation.ParameterAttribute] -and ($_.ParameterSetName -eq $set.Name -or $_.ParameterSetName -eq '__AllParameterSets') } | Select-Object -First 1
            Write-Parameter $p $att "$($texts[$p.Name])" $false
        }
        End-El
    }
    End-El

    Start-El command parameters
    foreach ($p in $parameters) { Write-Parameter $p $null "$($texts[$p.Name])" $true }
    End-El

    Start-El command inputTypes
    $inputTypes = $parameters | Where-Object { $_.Attributes | Where-Object { $_ -is [System.Management.Automation.ParameterAttribute] -and ($_.ValueFromPipeline -or $_.ValueFromPipelineByPropertyName) } } |
        ForEach-Object { Get-TypeName $_.ParameterType } | Select-Object -Unique
    foreach ($t in $inputTypes) {
        Start-El command inputType; Start-El dev type; Write-El maml name $t; End-El
        Write-Paras maml description $(if ($help['Inputs']) { $help.Inputs } else { 'See the parameters that take pipeline input.' }); End-El
    }
    End-El

    Start-El command returnValues
    foreach ($t in @($cmd.OutputType | ForEach-Object Name | Select-Object -Unique)) {
        Start-El command returnValue; Start-El dev type; Write-El maml name $t; End-El
        Write-Paras maml description $(if ($help['Outputs']) { $help.Outputs } else { ' ' }); End-El
    }
    End-El

    if ($help['Notes']) { Start-El maml alertSet; Start-El maml alert; Write-El maml para $help.Notes; End-El; End-El }

    Start-El command examples
    $i = 0
    foreach ($example in @($help.Examples)) {
        $i++
        Start-El command example
        Write-El maml title "-------------------------- Example $i --------------------------"
        Write-El dev code $example.Code.Trim()
        Start-El dev remarks; Write-El maml para $example.Remarks; End-El
        End-El
    }
    End-El

    Start-El command relatedLinks
    foreach ($link in @($help['Links'] | Where-Object { $_ })) { Start-El maml navigationLink; Write-El maml linkText $link; Write-El maml uri ''; End-El }
    End-El
    End-El
}
$w.WriteEndElement()
$w.WriteEndDocument()
$w.Flush(); $w.Dispose()

if ($problems.Count) {
    $problems | ForEach-Object { Write-Host "help: $_" -ForegroundColor Yellow }
    $message = "Help is incomplete for $(@($problems | ForEach-Object { ($_ -split ':')[0] } | Select-Object -Unique).Count) cmdlet(s): see above."
    if ($Strict) { throw $message }
    Write-Warning $message
}
Write-Host "help: $($cmdlets.Count) cmdlets -> $outFile"
