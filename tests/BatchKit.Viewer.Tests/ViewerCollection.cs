namespace BatchKit.Viewer.Tests;

/// <summary>One stack and one browser for every viewer test class: starting the pipeline and Chromium once is most of the cost.</summary>
[CollectionDefinition(Name)]
public sealed class ViewerCollection : ICollectionFixture<ViewerStack>
{
    public const string Name = "viewer";
}
