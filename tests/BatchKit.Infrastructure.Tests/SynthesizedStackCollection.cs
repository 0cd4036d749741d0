namespace BatchKit.Infrastructure.Tests;

/// <summary>
/// One synthesis shared by every template test, and the tests in one collection so they never run in parallel: the
/// jsii runtime behind CDK for .NET is one Node process per test process and does not take concurrent calls.
/// </summary>
[CollectionDefinition(Name)]
public sealed class SynthesizedStackCollection : ICollectionFixture<SynthesizedStack>
{
    public const string Name = "synthesized stack";
}
