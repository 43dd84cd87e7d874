@{
    RootModule           = 'K8sPS.dll'
    # Pester assertions and test fixtures (script functions); they need the cmdlets, which the root module brings.
    NestedModules        = @('K8sPS.Pester.psm1')
    ModuleVersion        = '{{Version}}'
    GUID                 = '4f1b7a52-9d3c-4c1e-8a57-5f0e2b6c9a10'
    Author               = 'K8sPS developers'
    Copyright            = '(c) 2026 K8sPS developers. MIT License.'
    Description          = 'Kubernetes from PowerShell 7: kubectl''s day-1 and day-2 commands as cmdlets that put typed objects on the pipeline, manifests read and applied with errors that name the file and line, -WhatIf on every change, and a real local cluster (etcd, kube-apiserver, controller-manager, scheduler, simulated nodes) that starts in seconds with no Docker.'
    PowerShellVersion    = '7.4'
    CompatiblePSEditions = @('Core')
    FormatsToProcess     = @('K8sPS.format.ps1xml', 'K8sPS.LocalCluster.format.ps1xml', 'K8sPS.Manifests.format.ps1xml', 'K8sPS.Kinds.format.ps1xml', 'K8sPS.Readiness.format.ps1xml', 'K8sPS.Metrics.format.ps1xml', 'K8sPS.Autoscaling.format.ps1xml')
    TypesToProcess       = @('K8sPS.types.ps1xml', 'K8sPS.Kinds.types.ps1xml', 'K8sPS.Autoscaling.types.ps1xml')
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
        'Get-K8sReadiness'
        'Get-K8sTop'
        'New-K8sHorizontalPodAutoscaler'
        'Get-K8sHorizontalPodAutoscaler'
        'Remove-K8sHorizontalPodAutoscaler'
    )
    AliasesToExport      = @(
        'Expose-K8sService'
        'Apply-K8sManifest'
        'Apply-K8sResource'
        'Autoscale-K8sDeployment'
    )
    FunctionsToExport    = @(
        'Register-K8sShouldOperator'
        'New-K8sTestNamespace'
        'Remove-K8sTestNamespace'
        'New-K8sTestCluster'
        'Remove-K8sTestCluster'
    )
    VariablesToExport    = @()
    PrivateData          = @{
        PSData = @{
            Tags         = @('Kubernetes', 'k8s', 'kubectl', 'minikube', 'kubeconfig', 'manifest', 'yaml', 'devops', 'PSEdition_Core', 'Linux')
            ProjectUri   = 'https://github.com/K8sPS/K8sPS'
            LicenseUri   = 'https://github.com/K8sPS/K8sPS/blob/main/LICENSE'
            ReleaseNotes = 'See the project''s commit history; this version: {{Version}}.'
        }
    }
}
