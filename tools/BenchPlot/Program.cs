using System.Globalization;
using OxyPlot;
using OxyPlot.Axes;
using OxyPlot.Legends;
using OxyPlot.Series;

// usage: BenchPlot <results.csv> <plot.svg> [title]
// The CSV is "tool,concurrency,per_second" with a header line, as tests/bench/Throughput.Bench.ps1 writes it;
// the SVG has one line per tool, concurrency on a log-2 axis.
if (args.Length < 2)
{
    Console.Error.WriteLine("usage: BenchPlot <results.csv> <plot.svg> [title]");
    return 2;
}
var rows = File.ReadLines(args[0]).Skip(1)
    .Select(l => l.Split(','))
    .Where(f => f.Length >= 3)
    .Select(f => (Tool: f[0], Concurrency: double.Parse(f[1], CultureInfo.InvariantCulture), PerSecond: double.Parse(f[2], CultureInfo.InvariantCulture)))
    .ToList();
var model = new PlotModel { Title = args.Length > 2 ? args[2] : "Throughput versus concurrency", Background = OxyColors.White };
model.Legends.Add(new Legend { LegendPosition = LegendPosition.TopLeft });
model.Axes.Add(new LogarithmicAxis { Position = AxisPosition.Bottom, Base = 2, Title = "requests in flight", MajorGridlineStyle = LineStyle.Dot });
model.Axes.Add(new LinearAxis { Position = AxisPosition.Left, Minimum = 0, Title = "objects per second", MajorGridlineStyle = LineStyle.Dot });
foreach (var tool in rows.GroupBy(r => r.Tool))
{
    var series = new LineSeries { Title = tool.Key, MarkerType = MarkerType.Circle };
    foreach (var r in tool.OrderBy(r => r.Concurrency)) series.Points.Add(new DataPoint(r.Concurrency, r.PerSecond));
    model.Series.Add(series);
}
using (var stream = File.Create(args[1]))
    new SvgExporter { Width = 800, Height = 500 }.Export(model, stream);
Console.WriteLine($"plot: {Path.GetFullPath(args[1])}");
return 0;
