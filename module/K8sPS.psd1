@{
    RootModule           = 'K8sPS.dll'
    ModuleVersion        = '{{Version}}'
    GUID                 = '4f1b7a52-9d3c-4c1e-8a57-5f0e2b6c9a10'
    Author               = 'K8sPS developers'
    Description          = 'Kubernetes from PowerShell: typed objects on the pipeline, manifests, and a local cluster with no Docker.'
    PowerShellVersion    = '7.4'
    CompatiblePSEditions = @('Core')
    FormatsToProcess     = @('K8sPS.format.ps1xml', 'K8sPS.LocalCluster.format.ps1xml', 'K8sPS.Manifests.format.ps1xml', 'K8sPS.Kinds.format.ps1xml', 'K8sPS.Rollouts.format.ps1xml')
    TypesToProcess       = @('K8sPS.types.ps1xml', 'K8sPS.Kinds.types.ps1xml')
    CmdletsToExport      = @(
        'Get-K8sContext'
        'Use-K8sContext'
        'New-K8sDeployment'
        'Get-K8sDeployment'
        'Remove-K8sDeployment'
        'Get-K8sPod'
        'Remove-K8sPod'
        'New-K8sService'
        'Get-K8sService'
        'Remove-K8sService'
        'Get-K8sServiceUrl'
        'ConvertTo-K8sObject'
        'Test-K8sObject'
        'Start-K8sLocalCluster'
        'Stop-K8sLocalCluster'
        'Get-K8sLocalCluster'
        'ConvertFrom-K8sYaml'
        'ConvertTo-K8sYaml'
        'ConvertTo-K8sJson'
        'Test-K8sManifest'
        'Set-K8sResource'
        'Get-K8sResource'
        'Remove-K8sResource'
        'Set-K8sImage'
        'Wait-K8sRollout'
        'Get-K8sRolloutHistory'
        'Undo-K8sRollout'
        'Restart-K8sRollout'
        'Suspend-K8sRollout'
        'Resume-K8sRollout'
        'Set-K8sScale'
        'Edit-K8sResource'
        'Wait-K8sCondition'
        'Get-K8sEvent'
    )
    AliasesToExport      = @(
        'Expose-K8sService'
        'Apply-K8sManifest'
        'Apply-K8sResource'
        'Scale-K8sResource'
        'Pause-K8sRollout'
    )
    FunctionsToExport    = @()
    VariablesToExport    = @()
    PrivateData          = @{ PSData = @{ Tags = @('Kubernetes', 'k8s', 'kubectl') } }
}
