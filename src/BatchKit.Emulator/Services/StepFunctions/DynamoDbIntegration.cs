using System.Text.Json.Nodes;
using BatchKit.Emulator.Protocol;
using BatchKit.Emulator.Services.DynamoDb;
using BatchKit.Emulator.Validation;
using BatchKit.StatesLanguage.Executions;

namespace BatchKit.Emulator.Services.StepFunctions;

/// <summary>
/// The optimized DynamoDB integrations <c>arn:aws:states:::dynamodb:putItem</c>, <c>getItem</c>, <c>updateItem</c> and
/// <c>deleteItem</c> (request-response only). Parameters are the API's request, the result is its response; a DynamoDB
/// error fails the state with <c>DynamoDB.&lt;ErrorCode&gt;</c> and the service's message as cause, followed by the
/// details AWS's Java SDK appends there. https://docs.aws.amazon.com/step-functions/latest/dg/connect-ddb.html
/// </summary>
internal sealed class DynamoDbIntegration(DynamoDbProvider dynamoDb)
{
    private const string ResourcePrefix = "arn:aws:states:::dynamodb:";
    private static readonly ShapeValidator Model = new(ServiceModel.Load("dynamodb"));

    private static readonly Dictionary<string, string> Operations = new(StringComparer.Ordinal)
    {
        ["putItem"] = "PutItem", ["getItem"] = "GetItem", ["updateItem"] = "UpdateItem", ["deleteItem"] = "DeleteItem",
    };

    /// <summary>Whether the resource names one of the four item operations, called request-response.</summary>
    public static bool Handles(TaskInvocation invocation) =>
        invocation.Pattern == IntegrationPattern.RequestResponse
        && invocation.ServiceResource.StartsWith(ResourcePrefix, StringComparison.Ordinal)
        && Operations.ContainsKey(invocation.ServiceResource[ResourcePrefix.Length..]);

    public TaskResult Invoke(TaskInvocation invocation)
    {
        var operation = Operations[invocation.ServiceResource[ResourcePrefix.Length..]];
        var request = (JsonObject)(invocation.Parameters as JsonObject ?? []).DeepClone();
        try
        {
            Model.Validate(operation, request); // the parameters meet the same checks as an API call
            return TaskResult.Success(operation switch
            {
                "PutItem" => dynamoDb.PutItem(request),
                "GetItem" => dynamoDb.GetItem(request),
                "UpdateItem" => dynamoDb.UpdateItem(request),
                _ => dynamoDb.DeleteItem(request),
            });
        }
        catch (ServiceErrorException e)
        {
            var details = $"Service: AmazonDynamoDBv2; Status Code: {e.StatusCode}; Error Code: {e.Code}; Request ID: {Guid.NewGuid()}; Proxy: null";
            return TaskResult.Failure("DynamoDB." + e.Code, $"{e.Message} ({details})");
        }
    }
}
