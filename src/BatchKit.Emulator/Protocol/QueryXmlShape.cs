namespace BatchKit.Emulator.Protocol;

/// <summary>
/// What a query service's model says about writing its output in XML, where it departs from the defaults (a list's
/// items as <c>&lt;member&gt;</c>, a map's as <c>&lt;entry&gt;&lt;key/&gt;&lt;value/&gt;&lt;/entry&gt;</c>):
/// members that are flattened (each item an element of the given name, a map item with <c>Name</c> and <c>Value</c>),
/// and members that are timestamps (epoch seconds in JSON, ISO 8601 in XML).
/// https://smithy.io/2.0/aws/protocols/aws-query-protocol.html#xml-shape-serialization
/// </summary>
internal sealed record QueryXmlShape(IReadOnlyDictionary<string, string> Flattened, IReadOnlySet<string> Timestamps)
{
    public static QueryXmlShape Default { get; } = new(new Dictionary<string, string>(), new HashSet<string>());
}
