namespace BatchKit.Infrastructure.Tests;

/// <summary>Every test class in this collection shares one synthesis of the default stack.</summary>
[CollectionDefinition(Name)]
public sealed class DefaultStackCollection : ICollectionFixture<DefaultStack>
{
    public const string Name = "default stack";
}

/// <summary>Every test class in this collection shares one synthesis of the private-network stack.</summary>
[CollectionDefinition(Name)]
public sealed class PrivateStackCollection : ICollectionFixture<PrivateStack>
{
    public const string Name = "private stack";
}
