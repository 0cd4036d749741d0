using System.Net;
using BatchKit.Aws.StepFunctions;

namespace BatchKit.Aws.Tests;

public sealed class EndpointAndRetryTests
{
    [Fact]
    public void The_service_specific_endpoint_wins_then_the_general_one_then_the_regional_default()
    {
        var both = new FakeEnvironment(new() { ["AWS_ENDPOINT_URL"] = "http://127.0.0.1:4566", ["AWS_ENDPOINT_URL_SFN"] = "http://127.0.0.1:9999" });
        var general = new FakeEnvironment(new() { ["AWS_ENDPOINT_URL"] = "http://127.0.0.1:4566" });

        Assert.Equal(new Uri("http://127.0.0.1:9999"), AwsEndpointResolver.Resolve(AwsService.StepFunctions, "eu-west-1", both));
        Assert.Equal(new Uri("http://127.0.0.1:4566"), AwsEndpointResolver.Resolve(AwsService.Ecs, "eu-west-1", both));
        Assert.Equal(new Uri("http://127.0.0.1:4566"), AwsEndpointResolver.Resolve(AwsService.StepFunctions, "eu-west-1", general));
        Assert.Equal(new Uri("https://states.eu-west-1.amazonaws.com/"), AwsEndpointResolver.Resolve(AwsService.StepFunctions, "eu-west-1", new FakeEnvironment([])));
        Assert.Throws<AwsConfigurationException>(() => AwsEndpointResolver.Resolve(AwsService.Ecs, "eu-west-1", new FakeEnvironment(new() { ["AWS_ENDPOINT_URL"] = "not a url" })));
        Assert.Equal("eu-central-1", AwsEndpointResolver.ResolveRegion(new FakeEnvironment(new() { ["AWS_DEFAULT_REGION"] = "eu-central-1" })));
    }

    [Fact]
    public async Task Throttling_and_5xx_are_retried_and_the_request_is_shaped_as_the_JSON_protocol_wants()
    {
        var handler = new ScriptedHandler(
            (HttpStatusCode.BadRequest, """{"__type": "ThrottlingException", "message": "Rate exceeded"}"""),
            (HttpStatusCode.ServiceUnavailable, ""),
            (HttpStatusCode.OK, """{"executionArn": "arn:aws:states:us-east-1:1:execution:sm:e", "startDate": 1795342830.5}"""));
        using var client = Client(handler);

        var started = await client.StartExecutionAsync("arn:aws:states:us-east-1:1:stateMachine:sm", "e", "{}");

        Assert.Equal("arn:aws:states:us-east-1:1:execution:sm:e", started.ExecutionArn);
        Assert.Equal(3, handler.Requests.Count);
        var (target, contentType, authorization, body) = handler.Requests[^1];
        Assert.Equal("AWSStepFunctions.StartExecution", target);
        Assert.Equal("application/x-amz-json-1.0", contentType);
        Assert.StartsWith("AWS4-HMAC-SHA256 Credential=AKID/", authorization, StringComparison.Ordinal);
        Assert.Contains("/us-east-1/states/aws4_request", authorization, StringComparison.Ordinal);
        Assert.Equal("""{"stateMachineArn":"arn:aws:states:us-east-1:1:stateMachine:sm","input":"{}","name":"e"}""", body);
    }

    [Fact]
    public async Task Client_errors_are_not_retried_and_carry_the_AWS_error_code()
    {
        var handler = new ScriptedHandler((HttpStatusCode.BadRequest, """{"__type": "com.amazonaws.swf.service.v2.model#ExecutionDoesNotExist", "message": "Execution Does Not Exist: 'x'"}"""));
        using var client = Client(handler);

        var e = await Assert.ThrowsAsync<AwsServiceException>(() => client.DescribeExecutionAsync("arn:aws:states:us-east-1:1:execution:sm:x"));

        Assert.Equal("ExecutionDoesNotExist", e.ErrorCode);
        Assert.Equal(HttpStatusCode.BadRequest, e.StatusCode);
        Assert.Single(handler.Requests);
    }

    private static StepFunctionsClient Client(HttpMessageHandler handler) => new(ScriptedHandler.Options(handler));
}
