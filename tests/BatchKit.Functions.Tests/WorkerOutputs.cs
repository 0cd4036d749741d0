using System.Text;
using BatchKit.Sales;
using BatchKit.Worker;

namespace BatchKit.Functions.Tests;

/// <summary>
/// Worker outputs as the worker writes them: a store file of one row (quantity × price) aggregated by the real
/// aggregator and serialised by the worker's own WorkerOutput, so the summary is tested against the producer, never a
/// hand-typed copy of its shape.
/// </summary>
internal static class WorkerOutputs
{
    public static string For(string store, int quantity, string unitPrice)
    {
        var row = $$"""[{"InvoiceNo":"536370","StockCode":"10002","Description":"GLOBE","Quantity":"{{quantity}}","InvoiceDate":"01-12-2010 8:45","UnitPrice":"{{unitPrice}}","CustomerID":"12583","Country":"France"}]""";
        var summary = SalesAggregator.AggregateAsync(new MemoryStream(Encoding.UTF8.GetBytes(row))).GetAwaiter().GetResult();
        return WorkerOutput.Success($"processed/day01/{store}.json", summary, TimeSpan.FromSeconds(1));
    }
}
