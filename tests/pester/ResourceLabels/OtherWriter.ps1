<#
    The other writer of the label race cases in ResourceLabels.Tests, dot-sourced by the test and by the child pwsh of
    the -Confirm case. Start-OtherLabelWriter runs it in a runspace of its own: once bulk-000 has the label -WaitKey (so
    the command under test has read its list), it labels -Target with -Label, which the command reaches later with the
    version it listed. It returns once the writer is watching: in a fresh process its import of the module is not done
    at once. Wait-OtherLabelWriter waits for it to end and throws its errors.
#>
function Start-OtherLabelWriter([string] $Module, [string] $Namespace, [string] $WaitKey, [string] $Target, [hashtable] $Label) {
    $ready = [Threading.ManualResetEventSlim]::new()
    $ps = [powershell]::Create()
    $null = $ps.AddScript({
        param($Module, $Namespace, $WaitKey, $Target, $Label, $Ready)
        Import-Module $Module
        $deadline = [DateTime]::UtcNow.AddSeconds(60)
        while (-not (Get-K8sConfigMap bulk-000 -Namespace $Namespace).Metadata.Labels[$WaitKey]) {
            $Ready.Set()
            if ([DateTime]::UtcNow -gt $deadline) { throw "bulk-000 was never labelled $WaitKey" }
            Start-Sleep -Milliseconds 5
        }
        Set-K8sResourceLabel configmaps $Target -Namespace $Namespace -Label $Label -ErrorAction Stop
    }).AddArgument($Module).AddArgument($Namespace).AddArgument($WaitKey).AddArgument($Target).AddArgument($Label).AddArgument($ready)
    $writer = [pscustomobject]@{ PowerShell = $ps; Handle = $ps.BeginInvoke() }
    # Watching, or ended early (its import failed): whichever comes first.
    $null = [Threading.WaitHandle]::WaitAny(@($ready.WaitHandle, $writer.Handle.AsyncWaitHandle), 60000)
    if (-not $ready.IsSet) {
        $why = "$($ps.Streams.Error)"
        $ps.Dispose()
        throw "the other writer never started watching: $why"
    }
    $writer
}

function Wait-OtherLabelWriter($Writer) {
    try {
        $null = $Writer.PowerShell.EndInvoke($Writer.Handle)
        if ($Writer.PowerShell.Streams.Error.Count) { throw "the other writer failed: $($Writer.PowerShell.Streams.Error)" }
    } finally { $Writer.PowerShell.Dispose() }
}
