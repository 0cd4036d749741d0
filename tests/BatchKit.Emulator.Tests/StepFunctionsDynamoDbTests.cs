using System.Text.Json.Nodes;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;

namespace BatchKit.Emulator.Tests;

/// <summary>
/// Step Functions' optimized DynamoDB integrations through a real state machine: the table is made and read with the
/// official DynamoDB client, the machine started over the Step Functions API.
/// https://docs.aws.amazon.com/step-functions/latest/dg/connect-ddb.html
/// </summary>
public sealed class StepFunctionsDynamoDbTests(EmulatorFixture emulator) : IClassFixture<EmulatorFixture>
{
    private static string Name(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..20];

    [Fact]
    public async Task Put_get_update_and_delete_run_as_tasks_and_a_failed_condition_is_caught_by_its_error_name()
    {
        using var db = SdkClients.DynamoDb(emulator.Host.ServiceUrl);
        var table = await CreateTableAsync(db);
        var states = StatesApi.Of(emulator);
        var machine = await states.CreateMachineAsync(Name("ddb"), ItemLifecycle(table));

        var execution = await states.WaitAsync(await states.StartAsync(machine, """{"id":"p-1"}"""));

        Assert.True(execution["status"]!.GetValue<string>() == "SUCCEEDED", execution.ToJsonString());
        var output = JsonNode.Parse(execution["output"]!.GetValue<string>())!;
        Assert.Equal("12.5", output["got"]!["Item"]!["price"]!["N"]!.GetValue<string>());
        Assert.Equal("Widget", output["got"]!["Item"]!["name"]!["S"]!.GetValue<string>());
        Assert.Equal("13.5", output["updated"]!["Attributes"]!["price"]!["N"]!.GetValue<string>());
        Assert.Null(output["updated"]!["Attributes"]!["name"]); // UPDATED_NEW: only what the update changed
        Assert.Equal("DynamoDB.ConditionalCheckFailedException", output["duplicate"]!["Error"]!.GetValue<string>());
        Assert.StartsWith("The conditional request failed (Service: AmazonDynamoDBv2; Status Code: 400; Error Code: ConditionalCheckFailedException",
            output["duplicate"]!["Cause"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("13.5", output["deleted"]!["Attributes"]!["price"]!["N"]!.GetValue<string>());
        Assert.False((await db.GetItemAsync(table, new() { ["pk"] = new AttributeValue { S = "p-1" } })).IsItemSet);
    }

    [Fact]
    public async Task A_missing_table_fails_the_execution_with_DynamoDB_ResourceNotFoundException_and_the_services_message()
    {
        var states = StatesApi.Of(emulator);
        var missing = Name("gone");
        var machine = await states.CreateMachineAsync(Name("ddb"), """
            {"StartAt": "Get", "States": {"Get": {"Type": "Task", "Resource": "arn:aws:states:::dynamodb:getItem", "End": true,
              "Parameters": {"TableName": "TABLE", "Key": {"pk": {"S": "x"}}}}}}
            """.Replace("TABLE", missing, StringComparison.Ordinal));

        var execution = await states.WaitAsync(await states.StartAsync(machine));

        Assert.True(execution["status"]!.GetValue<string>() == "FAILED", execution.ToJsonString());
        Assert.Equal("DynamoDB.ResourceNotFoundException", execution["error"]!.GetValue<string>());
        Assert.StartsWith($"Requested resource not found: Table: {missing} not found", execution["cause"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Parameters_outside_the_APIs_request_shape_fail_as_DynamoDB_validation_without_writing()
    {
        using var db = SdkClients.DynamoDb(emulator.Host.ServiceUrl);
        var table = await CreateTableAsync(db);
        var states = StatesApi.Of(emulator);
        var machine = await states.CreateMachineAsync(Name("ddb"), """
            {"StartAt": "Put", "States": {"Put": {"Type": "Task", "Resource": "arn:aws:states:::dynamodb:putItem", "End": true,
              "Parameters": {"TableName": "TABLE", "Item": {"pk": {"S": "x"}}, "ReturnValues": "ALL_NEW"}}}}
            """.Replace("TABLE", table, StringComparison.Ordinal));

        var execution = await states.WaitAsync(await states.StartAsync(machine));

        Assert.True(execution["status"]!.GetValue<string>() == "FAILED", execution.ToJsonString());
        Assert.Equal("DynamoDB.ValidationException", execution["error"]!.GetValue<string>());
        Assert.False((await db.GetItemAsync(table, new() { ["pk"] = new AttributeValue { S = "x" } })).IsItemSet);
    }

    /// <summary>Put (only if new), get, update, the same put again caught on its failed condition, then delete.</summary>
    private static string ItemLifecycle(string table) => """
        {
          "StartAt": "Put",
          "States": {
            "Put": {"Type": "Task", "Resource": "arn:aws:states:::dynamodb:putItem", "ResultPath": "$.put", "Next": "Get",
              "Parameters": {"TableName": "TABLE", "Item": {"pk": {"S.$": "$.id"}, "price": {"N": "12.5"}, "name": {"S": "Widget"}},
                "ConditionExpression": "attribute_not_exists(pk)"}},
            "Get": {"Type": "Task", "Resource": "arn:aws:states:::dynamodb:getItem", "ResultPath": "$.got", "Next": "Update",
              "Parameters": {"TableName": "TABLE", "Key": {"pk": {"S.$": "$.id"}}}},
            "Update": {"Type": "Task", "Resource": "arn:aws:states:::dynamodb:updateItem", "ResultPath": "$.updated", "Next": "PutAgain",
              "Parameters": {"TableName": "TABLE", "Key": {"pk": {"S.$": "$.id"}}, "UpdateExpression": "SET price = price + :d",
                "ExpressionAttributeValues": {":d": {"N": "1"}}, "ReturnValues": "UPDATED_NEW"}},
            "PutAgain": {"Type": "Task", "Resource": "arn:aws:states:::dynamodb:putItem", "ResultPath": "$.again", "Next": "NotReached",
              "Parameters": {"TableName": "TABLE", "Item": {"pk": {"S.$": "$.id"}}, "ConditionExpression": "attribute_not_exists(pk)"},
              "Catch": [{"ErrorEquals": ["DynamoDB.ConditionalCheckFailedException"], "ResultPath": "$.duplicate", "Next": "Delete"}]},
            "NotReached": {"Type": "Fail", "Error": "Test.ConditionPassed", "Cause": "the second put should have failed its condition"},
            "Delete": {"Type": "Task", "Resource": "arn:aws:states:::dynamodb:deleteItem", "ResultPath": "$.deleted", "End": true,
              "Parameters": {"TableName": "TABLE", "Key": {"pk": {"S.$": "$.id"}}, "ReturnValues": "ALL_OLD"}}
          }
        }
        """.Replace("TABLE", table, StringComparison.Ordinal);

    private static async Task<string> CreateTableAsync(AmazonDynamoDBClient db)
    {
        var table = Name("items");
        await db.CreateTableAsync(new CreateTableRequest
        {
            TableName = table,
            AttributeDefinitions = [new AttributeDefinition("pk", ScalarAttributeType.S)],
            KeySchema = [new KeySchemaElement("pk", KeyType.HASH)],
            BillingMode = BillingMode.PAY_PER_REQUEST,
        });
        return table;
    }
}
