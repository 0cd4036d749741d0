namespace BatchKit.Examples.Tests;

/// <summary>
/// The examples' CDK stacks synthesize one at a time: each synthesis drives the one jsii runtime (Node) of this test
/// process, and two at once corrupt its messages (a JsonReaderException in whichever fixture loses).
/// </summary>
[CollectionDefinition(Name)]
public sealed class CdkSynthesisCollection
{
    public const string Name = "CDK synthesis";
}
