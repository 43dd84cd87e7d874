using System.Globalization;
using System.Management.Automation;
using K8sPS.Engine.Errors;
using K8sPS.Engine.Waits;

namespace K8sPS.Rollouts;

/// <summary>
/// Lets a TimeSpan parameter (-Timeout) take what a runbook copied from kubectl (<c>30s</c>, <c>5m</c>, <c>1h30m</c>),
/// a number of seconds (<c>-Timeout 90</c>; PowerShell alone would read 90 as ticks), or a TimeSpan.
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
public sealed class DurationTransformationAttribute : ArgumentTransformationAttribute
{
    public override object Transform(EngineIntrinsics engineIntrinsics, object inputData)
    {
        var value = inputData is PSObject ps ? ps.BaseObject : inputData;
        switch (value)
        {
            case TimeSpan t: return t;
            case int or long or double or float or decimal or short or byte:
                return TimeSpan.FromSeconds(Convert.ToDouble(value, CultureInfo.InvariantCulture));
            case string s:
                if (double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds)) return TimeSpan.FromSeconds(seconds);
                if (GoDuration.TryParse(s, out var d)) return d;
                if (TimeSpan.TryParse(s, CultureInfo.InvariantCulture, out var parsed)) return parsed;
                try { return GoDuration.Parse(s); }
                catch (K8sException e) { throw new ArgumentTransformationMetadataException(e.Message, e); }
            default:
                return inputData;
        }
    }
}
