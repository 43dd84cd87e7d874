#!/usr/bin/env bash
# Entry point on a machine with only the .NET SDK: restores pwsh (the PowerShell dotnet tool,
# pinned in dotnet-tools.json) and hands over to build.ps1 with the same arguments.
set -euo pipefail
cd "$(dirname "$0")"
dotnet tool restore >/dev/null
exec dotnet pwsh -NoLogo -NoProfile -File ./build.ps1 "$@"
