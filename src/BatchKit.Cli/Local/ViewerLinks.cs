namespace BatchKit.Cli.Local;

/// <summary>
/// Where the emulator's execution viewer is: <c>/_batchkit/</c> on the AWS endpoint's port, under the name
/// <c>localhost</c> (the name a browser shows for this machine; the emulator refuses foreign Host headers).
/// </summary>
internal static class ViewerLinks
{
    public const string Root = "/_batchkit/";

    public static Uri For(Uri endpoint)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        return new UriBuilder(endpoint) { Host = endpoint.IsLoopback ? "localhost" : endpoint.Host, Path = Root, Query = "", Fragment = "" }.Uri;
    }

    /// <summary>One execution's page: its graph, coloured live as it runs.</summary>
    public static Uri ForExecution(Uri endpoint, string executionArn) =>
        new(For(endpoint), "#/execution/" + Uri.EscapeDataString(executionArn));

    /// <summary>
    /// Whether the viewer answers at <paramref name="endpoint"/>: BatchKit's emulator does, LocalStack and AWS do not,
    /// so a command prints the link only where it leads somewhere.
    /// </summary>
    public static async Task<bool> AnswersAsync(Uri endpoint, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(3) };
        try
        {
            using var response = await http.GetAsync(new Uri(endpoint, Root), cancellationToken).ConfigureAwait(false);
            return response.IsSuccessStatusCode;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }
}
