<#
.SYNOPSIS
    The notes' first practice (P1) through K8sPS: create a deployment, list its pods, expose it, find its
    URL, clean up. On the local cluster 'k8sps-demo', started here when it is not running.
.DESCRIPTION
    What kubectl and minikube did in the notes:
        kubectl create deployment first-app --image=kodekloud/webapp-color:v1
        kubectl get pods
        kubectl expose deployment first-app --port=8080 --type=NodePort
        kubectl get services
        minikube service first-app --url
        kubectl delete ...
    The cluster stays up afterwards, as minikube's does: Stop-K8sLocalCluster -Name k8sps-demo stops it.
.EXAMPLE
    ./build.sh -Task Demo
.EXAMPLE
    dotnet pwsh examples/runbooks/Demo-P1.ps1 -ModulePath out/K8sPS/K8sPS.psd1 -Kubeconfig ~/my-test-cluster.kubeconfig
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)] [string] $ModulePath,
    # Use this cluster instead of starting 'k8sps-demo' (its current context).
    [string] $Kubeconfig
)
$ErrorActionPreference = 'Stop'
$ModulePath = (Resolve-Path $ModulePath).Path
Import-Module $ModulePath

function Step([string] $text) { Write-Host "`n==> $text" -ForegroundColor Cyan }

if ($Kubeconfig) {
    $env:KUBECONFIG = (Resolve-Path $Kubeconfig).Path
    $context = (Get-K8sContext -Current).Name
} else {
    $context = 'k8sps-demo'
    $Kubeconfig = Join-Path (Split-Path (Split-Path $ModulePath)) "clusters/$context.kubeconfig"
    $null = New-Item -ItemType Directory -Force (Split-Path $Kubeconfig)
    Step "Start-K8sLocalCluster -Name $context"
    Start-K8sLocalCluster -Name $context -KubeconfigPath $Kubeconfig | Format-List | Out-Host
    $env:KUBECONFIG = $Kubeconfig
}
$PSDefaultParameterValues['*-K8s*:Context'] = $context
$app = 'first-app'

# A rerun starts clean.
Get-K8sService $app, "$app-lb" -ErrorAction SilentlyContinue | Remove-K8sService
Get-K8sDeployment $app -ErrorAction SilentlyContinue | Remove-K8sDeployment

Step "New-K8sDeployment -Name $app -Image kodekloud/webapp-color:v1"
New-K8sDeployment -Name $app -Image 'kodekloud/webapp-color:v1' | Out-Host

Step 'Get-K8sPod  (waiting for Running)'
$deadline = (Get-Date).AddSeconds(120)
while (-not (Get-K8sPod -Selector "app=$app" | Where-Object State -EQ 'Running') -and (Get-Date) -lt $deadline) { Start-Sleep -Seconds 1 }
Get-K8sPod -Selector "app=$app" | Format-Table -View ShowLabels | Out-Host

Step "Get-K8sDeployment $app | Expose-K8sService -Port 8080 -Type NodePort"
Get-K8sDeployment $app | Expose-K8sService -Port 8080 -Type NodePort | Out-Host
Step "Expose-K8sService $app -Name $app-lb -Port 8080 -Type LoadBalancer"
Expose-K8sService $app -Name "$app-lb" -Port 8080 -Type LoadBalancer | Out-Host

Step 'Get-K8sService'
Get-K8sService | Out-Host

Step "Get-K8sServiceUrl $app   (minikube service $app --url)"
Get-K8sServiceUrl $app | Out-Host

Step 'Remove-K8sService, Remove-K8sDeployment'
Get-K8sService $app, "$app-lb" | Remove-K8sService -Verbose
Remove-K8sDeployment $app -Verbose
Get-K8sDeployment | Out-Host

if ($context -eq 'k8sps-demo') { Write-Host "`nThe cluster keeps running: Stop-K8sLocalCluster -Name k8sps-demo stops it." }
