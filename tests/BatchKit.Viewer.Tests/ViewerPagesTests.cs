using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Amazon.SimpleSystemsManagement;
using Amazon.SimpleSystemsManagement.Model;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace BatchKit.Viewer.Tests;

/// <summary>
/// The rest of the viewer through the page: keyboard use and labels (axe-core's rules and Playwright's accessibility
/// tree), the explicit actions (start with input, stop, redrive), the data pages (S3 preview, SSM with SecureString
/// masked, the Slack messages, Lambda invocations), and the refusal of actions from another origin.
/// </summary>
[Collection(ViewerCollection.Name)]
public sealed class ViewerPagesTests(ViewerStack stack, ITestOutputHelper output)
{
    /// <summary>"Flaky" fails on the first attempt and succeeds once redriven ($states.context.Execution.RedriveCount is 1).</summary>
    private const string FailsOnceMachine = """
        {"QueryLanguage": "JSONata", "StartAt": "Prepare", "States": {
          "Prepare": {"Type": "Pass", "Output": {"ready": true}, "Next": "Flaky"},
          "Flaky": {"Type": "Pass", "End": true,
            "Output": "{% $states.context.Execution.RedriveCount = 0 ? $error('the first attempt fails') : 'second attempt' %}"}}}
        """;

    private const string HoldMachine =
        """{"StartAt":"Hold","States":{"Hold":{"Type":"Wait","Seconds":600,"Next":"Echo"},"Echo":{"Type":"Pass","End":true}}}""";

    [Fact]
    public async Task Every_page_passes_axe_and_the_graph_works_from_the_keyboard()
    {
        var run = await stack.DemoDayAsync();
        var page = await stack.Chromium.OpenAsync(stack.Endpoint);
        var execution = "#/execution/" + Uri.EscapeDataString(run.ExecutionArn);
        var mapRun = (await stack.StepFunctions.ListMapRunsAsync(run.ExecutionArn)).Single();
        string[] pages = ["#/", "#/executions", "#/machines", execution, execution + "?tab=table", execution + "?tab=events",
            "#/map-run/" + Uri.EscapeDataString(mapRun),
            "#/tasks", "#/functions", "#/s3", $"#/s3?bucket={stack.Stack.Bucket}&prefix=reports/", "#/ssm", "#/slack"];
        var violations = new List<string>(); // every page's, so one run shows them all
        foreach (var url in pages)
        {
            await page.GotoAsync(url);
            await Expect(page.Locator("main h1")).ToBeVisibleAsync();
            await Expect(page.Locator("main .loading")).ToHaveCountAsync(0);
            var axe = await page.RunAxe();
            violations.AddRange(axe.Violations.Select(v => $"{url}: {v.Id} ({v.Impact}): {v.Help} at {string.Join(", ", v.Nodes.Select(n => n.Target))}"));
        }

        Assert.True(violations.Count == 0, string.Join("\n", violations));

        // Keyboard only: Tab from the top of a freshly loaded page (a hash change keeps the browser's focus starting point)
        // reaches the skip link first, then the graph's states; Enter opens one.
        await page.GotoAsync(execution);
        await page.ReloadAsync();
        await Expect(Node(page, "Stores")).ToHaveClassAsync(new Regex(@"\bst-SUCCEEDED\b"));
        await page.Keyboard.PressAsync("Tab");
        Assert.Equal("Skip to content", await page.EvaluateAsync<string>("document.activeElement.textContent"));
        var reached = false;
        for (var i = 0; i < 80 && !reached; i++)
        {
            await page.Keyboard.PressAsync("Tab");
            reached = await page.EvaluateAsync<string?>("document.activeElement.getAttribute('data-state')") == "Stores";
        }

        Assert.True(reached, "Tab never reached the Stores state in the graph");
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.Locator("#state-detail h2")).ToContainTextAsync("Stores");
        await Expect(page.Locator("#state-detail")).ToContainTextAsync("Open the Map Run");

        // The accessibility tree names every state with its type and status, as a screen reader reads it.
        var tree = await page.Locator("svg.graph").AriaSnapshotAsync();
        Assert.Contains("button \"Stores, Map state, succeeded", tree, StringComparison.Ordinal);
        Assert.Contains("button \"AggregateStore, Task state, succeeded, 20 succeeded\"", tree, StringComparison.Ordinal);
        Assert.Contains("button \"NotifyFailed, Task state, not run\"", tree, StringComparison.Ordinal);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Start_with_input_stop_and_redrive_are_explicit_actions_on_the_page()
    {
        var machine = await stack.StepFunctions.CreateStateMachineAsync("viewer-hold", HoldMachine, "arn:aws:iam::000000000000:role/viewer");
        var page = await stack.Chromium.OpenAsync(stack.Endpoint);
        page.Dialog += (_, dialog) => dialog.AcceptAsync(); // the Stop confirmation
        await page.GotoAsync("#/machine/" + Uri.EscapeDataString(machine.StateMachineArn));

        await page.GetByRole(AriaRole.Button, new() { Name = "Start execution" }).ClickAsync();
        await page.GetByLabel("Name").FillAsync("from-the-viewer");
        await page.GetByLabel("Input (JSON)").FillAsync("""{"hello": "viewer"}""");
        await page.GetByRole(AriaRole.Button, new() { Name = "Start", Exact = true }).ClickAsync();

        await Expect(page.Locator("h1")).ToContainTextAsync("from-the-viewer");
        await Expect(page.Locator("h1 .badge")).ToHaveTextAsync("RUNNING");
        await Expect(Node(page, "Hold")).ToHaveClassAsync(new Regex(@"\bst-RUNNING\b"));
        var arn = machine.StateMachineArn.Replace(":stateMachine:", ":execution:", StringComparison.Ordinal) + ":from-the-viewer";
        Assert.Equal("""{"hello": "viewer"}""", (await stack.StepFunctions.DescribeExecutionAsync(arn)).Input);

        await page.GetByRole(AriaRole.Button, new() { Name = "Stop" }).ClickAsync();
        await Expect(page.Locator("h1 .badge")).ToHaveTextAsync("ABORTED");
        Assert.Equal("ABORTED", (await stack.StepFunctions.DescribeExecutionAsync(arn)).Status);
        await Expect(Node(page, "Hold")).ToHaveClassAsync(new Regex(@"\bst-ABORTED\b"));

        // Redrive goes to the RedriveExecution operation: the aborted execution runs again from its Wait state.
        await page.GetByRole(AriaRole.Button, new() { Name = "Redrive" }).ClickAsync();
        await Expect(page.Locator("#toast")).ToHaveTextAsync("Redrive started.");
        await Expect(page.Locator("h1 .badge")).ToHaveTextAsync("RUNNING");
        Assert.Equal("RUNNING", (await stack.StepFunctions.DescribeExecutionAsync(arn)).Status);
        await page.GetByRole(AriaRole.Button, new() { Name = "Stop" }).ClickAsync();
        await Expect(page.Locator("h1 .badge")).ToHaveTextAsync("ABORTED");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_failed_execution_is_redriven_from_the_page_to_success()
    {
        var machine = await stack.StepFunctions.CreateStateMachineAsync("viewer-redrive", FailsOnceMachine, "arn:aws:iam::000000000000:role/viewer");
        var arn = (await stack.StepFunctions.StartExecutionAsync(machine.StateMachineArn, "fails-once", "{}")).ExecutionArn;
        await Eventually.TrueAsync(async () => (await stack.StepFunctions.DescribeExecutionAsync(arn)).Status == "FAILED", "the first attempt failing");
        var page = await stack.Chromium.OpenAsync(stack.Endpoint);
        await page.GotoAsync("#/execution/" + Uri.EscapeDataString(arn));
        await Expect(page.Locator("h1 .badge")).ToHaveTextAsync("FAILED");
        await Expect(Node(page, "Flaky")).ToHaveClassAsync(new Regex(@"\bst-FAILED\b"));

        await page.GetByRole(AriaRole.Button, new() { Name = "Redrive" }).ClickAsync();

        await Expect(page.Locator("#toast")).ToHaveTextAsync("Redrive started.");
        await Expect(page.Locator("h1 .badge")).ToHaveTextAsync("SUCCEEDED"); // the page follows the redrive live
        await Expect(Node(page, "Flaky")).ToHaveClassAsync(new Regex(@"\bst-SUCCEEDED\b"));
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Redrive" })).ToBeDisabledAsync();
        var described = await stack.StepFunctions.DescribeExecutionAsync(arn);
        Assert.Equal(("SUCCEEDED", "\"second attempt\""), (described.Status, described.Output));
        var types = (await stack.StepFunctions.GetExecutionHistoryAsync(arn)).Events.Select(e => e.Type).ToList();
        Assert.Equal(["ExecutionFailed", "ExecutionRedriven"], types.Skip(types.IndexOf("ExecutionFailed")).Take(2));
        var prepared = (await stack.StepFunctions.GetExecutionHistoryAsync(arn)).Events
            .Where(e => e.Type == "PassStateEntered" && e.DetailsJson!.Contains("\"name\":\"Prepare\"", StringComparison.Ordinal));
        Assert.Single(prepared); // "Prepare" succeeded before and is not run again
        output.WriteLine("screenshot: " + await Chromium.ScreenshotAsync(page, "execution-redriven"));
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Actions_from_another_origin_or_without_the_viewer_header_are_refused()
    {
        var machine = await stack.StepFunctions.CreateStateMachineAsync("viewer-guard", HoldMachine, "arn:aws:iam::000000000000:role/viewer");
        var actions = new Uri(stack.Endpoint, "/_batchkit/api/actions/StartExecution");
        var body = $$"""{"stateMachineArn":"{{machine.StateMachineArn}}"}""";

        using var noHeader = await PostAsync(actions, body, []);
        using var foreignOrigin = await PostAsync(actions, body, [("X-BatchKit-Viewer", "1"), ("Origin", "http://attacker.example")]);
        using var crossSite = await PostAsync(actions, body, [("X-BatchKit-Viewer", "1"), ("Sec-Fetch-Site", "cross-site")]);

        Assert.Equal(HttpStatusCode.Forbidden, noHeader.StatusCode);
        Assert.Contains("X-BatchKit-Viewer", await noHeader.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, foreignOrigin.StatusCode);
        Assert.Contains("attacker.example", await foreignOrigin.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, crossSite.StatusCode);

        // A real page on another origin (127.0.0.1 and localhost are two origins) cannot send the action: the browser's
        // CORS preflight gets no permission, so the request never reaches the operation.
        var page = await stack.Chromium.OpenAsync(stack.Endpoint);
        await page.GotoAsync(new UriBuilder(stack.Endpoint) { Host = "127.0.0.1", Path = "/_batchkit/" }.Uri.ToString());
        var outcome = await page.EvaluateAsync<string>(
            """
            async ([url, body]) => {
              try {
                const r = await fetch(url, { method: "POST", headers: { "Content-Type": "application/json", "X-BatchKit-Viewer": "1" }, body });
                return "reached: " + r.status;
              } catch (e) { return "blocked: " + e.name; }
            }
            """, new[] { Emulator.EmulatorHost.ViewerLink(stack.Endpoint) + "api/actions/StartExecution", body });
        Assert.Equal("blocked: TypeError", outcome);
        Assert.Empty((await stack.StepFunctions.ListExecutionsAsync(machine.StateMachineArn)).Executions);

        // And no other site may frame the page (its buttons could be clickjacked).
        using var index = await stack.Http.GetAsync(Emulator.EmulatorHost.ViewerLink(stack.Endpoint));
        Assert.Contains("frame-ancestors 'none'", index.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task The_data_pages_show_S3_objects_SSM_parameters_masked_Slack_messages_and_Lambda_logs()
    {
        var run = await stack.DemoDayAsync();
        using var ssm = LocalAws.Ssm(stack.Endpoint);
        await ssm.PutParameterAsync(new PutParameterRequest
        {
            Name = "/viewer/secret", Value = "hunter2-not-shown", Type = ParameterType.SecureString, Overwrite = true,
        });
        var page = await stack.Chromium.OpenAsync(stack.Endpoint);
        var report = await stack.ReadJsonAsync($"reports/{ViewerStack.DemoDay}/summary.json");

        await page.GotoAsync("#/s3");
        await page.GetByRole(AriaRole.Link, new() { Name = stack.Stack.Bucket, Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "reports/" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = $"{ViewerStack.DemoDay}/" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "summary.json", Exact = true }).ClickAsync(); // not its "Download …" link
        await Expect(page.Locator("h2")).ToHaveTextAsync("JSON preview");
        await Expect(page.GetByLabel("Object preview")).ToContainTextAsync($"\"total\": \"{report["total"]!.GetValue<string>()}\"");
        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = "Download" }).ClickAsync());
        Assert.Equal(report.ToJsonString(), System.Text.Json.Nodes.JsonNode.Parse(await File.ReadAllTextAsync(await download.PathAsync()))!.ToJsonString());

        await page.GotoAsync("#/ssm");
        var secret = page.Locator("tbody tr", new() { HasText = "/viewer/secret" });
        await Expect(secret).ToContainTextAsync("•••••••• (SecureString, encrypted at rest)");
        await Expect(page.Locator("main")).Not.ToContainTextAsync("hunter2");
        await Expect(page.Locator("tbody tr", new() { HasText = "/config/step_function_arn" })).ToContainTextAsync(stack.Stack.StateMachineArn);

        await page.GotoAsync("#/slack");
        var messages = page.Locator("ul.slack li");
        await Expect(messages.Filter(new() { HasText = $"starting the sales batch for processed/{ViewerStack.DemoDay}/" })).ToHaveCountAsync(1);
        await Expect(messages.Filter(new() { HasText = $"{ViewerStack.DemoStores} of {ViewerStack.DemoStores} stores" })).ToHaveCountAsync(1);
        output.WriteLine("screenshot: " + await Chromium.ScreenshotAsync(page, "slack"));

        await page.GotoAsync("#/functions?function=" + Uri.EscapeDataString(stack.Stack.SummaryFunctionName));
        var invocation = page.Locator("details.panel").Filter(new() { HasText = stack.Stack.SummaryFunctionName }).First;
        await invocation.Locator("summary").ClickAsync();
        await Expect(invocation.GetByLabel("Invocation log")).ToContainTextAsync("START RequestId:");
        await Expect(invocation.GetByLabel("Response")).ToContainTextAsync("slack_text");

        await page.GotoAsync("#/tasks");
        var tasks = page.Locator("table:has(caption:text-is('ECS tasks')) tbody tr", new() { HasTextRegex = new Regex($"processed/{ViewerStack.DemoDay}/[^/]+/store_1000\\.json") });
        await Expect(tasks.First.Locator(".badge")).ToHaveTextAsync("STOPPED");
        await Expect(tasks.First.Locator("td").Nth(2)).ToHaveTextAsync("0");
        Assert.Equal("SUCCEEDED", run.Status);
        await page.Context.CloseAsync();
    }

    private async Task<HttpResponseMessage> PostAsync(Uri url, string body, (string Name, string Value)[] headers)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        foreach (var (name, value) in headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        return await stack.Http.SendAsync(request);
    }

    private static ILocator Node(IPage page, string state) => page.Locator($"svg.graph g.node[data-state='{state}']").First;
}
