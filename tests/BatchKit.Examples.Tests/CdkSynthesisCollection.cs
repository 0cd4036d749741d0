namespace BatchKit.Examples.Tests;

/// <summary>
/// The examples' CDK synthesis test classes run one after another: they share the process's one jsii runtime (a Node
/// child), and two classes synthesizing at once failed its static initialisers and then hung the run.
/// </summary>
[CollectionDefinition(Name)]
public sealed class CdkSynthesisCollection
{
    public const string Name = "CDK synthesis (one jsii runtime)";
}
