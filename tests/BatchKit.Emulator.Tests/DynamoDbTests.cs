using System.Text.Json.Nodes;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;

namespace BatchKit.Emulator.Tests;

/// <summary>DynamoDB through the official AWSSDK.DynamoDBv2 client and the real AWS CLI, as the example pipelines use it.</summary>
public sealed class DynamoDbTests(EmulatorFixture emulator) : IClassFixture<EmulatorFixture>
{
    private static string Name() => "t-" + Guid.NewGuid().ToString("N")[..10];

    [Fact]
    public async Task The_SDK_puts_gets_updates_and_deletes_with_conditions_and_return_values()
    {
        using var db = SdkClients.DynamoDb(emulator.Host.ServiceUrl);
        var table = await CreateAsync(db);
        await db.PutItemAsync(table, Item("p1", "price", new AttributeValue { N = "12.50" }));

        var duplicate = await Assert.ThrowsAsync<ConditionalCheckFailedException>(() => db.PutItemAsync(new PutItemRequest
        {
            TableName = table, Item = Item("p1", "price", new AttributeValue { N = "1" }), ConditionExpression = "attribute_not_exists(pk)",
        }));
        Assert.Equal("The conditional request failed", duplicate.Message);

        var updated = await db.UpdateItemAsync(new UpdateItemRequest
        {
            TableName = table,
            Key = Key("p1"),
            UpdateExpression = "SET price = price + :d, #n = :name, tags = list_append(if_not_exists(tags, :empty), :t) ADD seen :one",
            ConditionExpression = "price BETWEEN :low AND :high",
            ExpressionAttributeNames = new() { ["#n"] = "name" },
            ExpressionAttributeValues = new()
            {
                [":d"] = new AttributeValue { N = "0.25" }, [":name"] = new AttributeValue { S = "Widget" }, [":empty"] = new AttributeValue { L = [] },
                [":t"] = new AttributeValue { L = [new AttributeValue { S = "new" }] }, [":one"] = new AttributeValue { N = "1" },
                [":low"] = new AttributeValue { N = "10" }, [":high"] = new AttributeValue { N = "20" },
            },
            ReturnValues = ReturnValue.UPDATED_NEW,
        });
        Assert.Equal("12.75", updated.Attributes["price"].N);
        Assert.Equal("Widget", updated.Attributes["name"].S);
        Assert.Equal("new", Assert.Single(updated.Attributes["tags"].L).S);
        Assert.DoesNotContain("pk", updated.Attributes.Keys);

        var got = await db.GetItemAsync(new GetItemRequest
        {
            TableName = table, Key = Key("p1"), ProjectionExpression = "#n, seen", ExpressionAttributeNames = new() { ["#n"] = "name" },
        });
        Assert.Equal(["name", "seen"], got.Item.Keys.Order());

        var deleted = await db.DeleteItemAsync(new DeleteItemRequest { TableName = table, Key = Key("p1"), ReturnValues = ReturnValue.ALL_OLD });
        Assert.Equal("12.75", deleted.Attributes["price"].N);
        Assert.False((await db.GetItemAsync(table, Key("p1"))).IsItemSet);
    }

    [Fact]
    public async Task Query_pages_through_a_partition_in_sort_order_and_Scan_pages_through_the_table()
    {
        using var db = SdkClients.DynamoDb(emulator.Host.ServiceUrl);
        var table = await CreateAsync(db, sortKey: true);
        var writes = Enumerable.Range(0, 12).Select(i => new WriteRequest(new PutRequest(new()
        {
            ["pk"] = new AttributeValue { S = i < 9 ? "chunk-a" : "chunk-b" },
                ["sk"] = new AttributeValue { N = (100 - i).ToString(System.Globalization.CultureInfo.InvariantCulture) },
            ["valid"] = new AttributeValue { BOOL = i % 3 != 0 },
        }))).ToList();
        await db.BatchWriteItemAsync(new Dictionary<string, List<WriteRequest>> { [table] = writes });

        var (sorts, pages) = (new List<string>(), 0);
        Dictionary<string, AttributeValue>? start = null;
        do
        {
            var page = await db.QueryAsync(new QueryRequest
            {
                TableName = table, KeyConditionExpression = "pk = :p AND sk >= :min", FilterExpression = "valid = :t", Limit = 4, ExclusiveStartKey = start,
                ExpressionAttributeValues = new() { [":p"] = new AttributeValue { S = "chunk-a" }, [":min"] = new AttributeValue { N = "93" },
                    [":t"] = new AttributeValue { BOOL = true } },
            });
            sorts.AddRange(page.Items.Select(i => i["sk"].N));
            start = page.LastEvaluatedKey is { Count: > 0 } last ? last : null;
            pages++;
        }
        while (start is not null);
        Assert.Equal(["93", "95", "96", "98", "99"], sorts); // 93..100 in partition a, without 94, 97 and 100 (i = 6, 3 and 0)
        Assert.Equal(3, pages); // 4 + 4 items read; the second page stops at Limit, so a third (empty) one is asked for, as on AWS

        var scanned = new List<string>();
        start = null;
        do
        {
            var page = await db.ScanAsync(new ScanRequest { TableName = table, Limit = 5, ExclusiveStartKey = start });
            scanned.AddRange(page.Items.Select(i => i["pk"].S + "/" + i["sk"].N));
            start = page.LastEvaluatedKey is { Count: > 0 } last ? last : null;
        }
        while (start is not null);
        Assert.Equal(12, scanned.Distinct().Count());
        Assert.Equal(12, scanned.Count);

        var batch = await db.BatchGetItemAsync(new Dictionary<string, KeysAndAttributes>
        {
            [table] = new() { Keys = [new() { ["pk"] = new AttributeValue { S = "chunk-b" }, ["sk"] = new AttributeValue { N = "89" } }] },
        });
        Assert.Equal("89", Assert.Single(batch.Responses[table])["sk"].N);
    }

    [Fact]
    public async Task Expressions_are_checked_as_on_AWS()
    {
        using var db = SdkClients.DynamoDb(emulator.Host.ServiceUrl);
        var table = await CreateAsync(db);
        var reserved = await Assert.ThrowsAsync<AmazonDynamoDBException>(() => db.UpdateItemAsync(new UpdateItemRequest
        {
            TableName = table, Key = Key("p1"), UpdateExpression = "SET status = :s",
                ExpressionAttributeValues = new() { [":s"] = new AttributeValue { S = "x" } },
        }));
        Assert.Equal("ValidationException", reserved.ErrorCode);
        Assert.Contains("reserved keyword: status", reserved.Message, StringComparison.Ordinal);

        var unused = await Assert.ThrowsAsync<AmazonDynamoDBException>(() => db.PutItemAsync(new PutItemRequest
        {
            TableName = table, Item = Key("p1"), ExpressionAttributeValues = new() { [":never"] = new AttributeValue { S = "x" } },
                ConditionExpression = "attribute_not_exists(pk)",
        }));
        Assert.Contains("unused in expressions: keys: {:never}", unused.Message, StringComparison.Ordinal);

        var onKey = await Assert.ThrowsAsync<AmazonDynamoDBException>(() => db.UpdateItemAsync(new UpdateItemRequest
        {
            TableName = table, Key = Key("p1"), UpdateExpression = "SET pk = :s", ExpressionAttributeValues = new() { [":s"] = new AttributeValue { S = "x" } },
        }));
        Assert.Contains("This attribute is part of the key", onKey.Message, StringComparison.Ordinal);

        var missing = await Assert.ThrowsAsync<ResourceNotFoundException>(() => db.GetItemAsync("no-such-table", Key("p1")));
        Assert.Contains("no-such-table", missing.Message, StringComparison.Ordinal);
        Assert.False((await db.GetItemAsync(table, Key("p1"))).IsItemSet); // nothing half-written by the refused calls
    }

    [Fact]
    public async Task The_CLI_creates_writes_and_scans_following_pages_itself()
    {
        var table = Name();
        await Ok("dynamodb", "create-table", "--table-name", table, "--attribute-definitions", "AttributeName=id,AttributeType=S",
            "--key-schema", "AttributeName=id,KeyType=HASH", "--billing-mode", "PAY_PER_REQUEST");
        for (var i = 0; i < 7; i++)
        {
            await Ok("dynamodb", "put-item", "--table-name", table, "--item", $$$"""{"id":{"S":"row-{{{i}}}"},"n":{"N":"{{{i}}}"}}""");
        }

        // --page-size makes the CLI send Limit=3 and follow LastEvaluatedKey until the end: 3 calls, one answer.
        var scan = JsonNode.Parse((await Ok("dynamodb", "scan", "--table-name", table, "--page-size", "3")).Output)!;
        Assert.Equal(7, scan["Count"]!.GetValue<int>());
        Assert.Equal(Enumerable.Range(0, 7).Select(i => $"row-{i}"), scan["Items"]!.AsArray().Select(i => i!["id"]!["S"]!.GetValue<string>()).Order());

        var got = JsonNode.Parse((await Ok("dynamodb", "get-item", "--table-name", table, "--key", """{"id":{"S":"row-4"}}""")).Output)!;
        Assert.Equal("4", got["Item"]!["n"]!["N"]!.GetValue<string>());
        var described = JsonNode.Parse((await Ok("dynamodb", "describe-table", "--table-name", table)).Output)!;
        Assert.Equal(("ACTIVE", 7), (described["Table"]!["TableStatus"]!.GetValue<string>(), described["Table"]!["ItemCount"]!.GetValue<int>()));
        Assert.Contains(table, (await Ok("dynamodb", "list-tables")).Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Tables_and_items_survive_a_restart_of_the_emulator()
    {
        var data = Directory.CreateTempSubdirectory("batchkit-dynamodb-").FullName;
        try
        {
            var table = Name();
            await using (var first = await EmulatorHost.StartAsync(new EmulatorOptions { Port = 0, DataDirectory = data }))
            {
                using var db = SdkClients.DynamoDb(first.ServiceUrl);
                await CreateAsync(db, name: table);
                await db.PutItemAsync(table, Item("kept", "price", new AttributeValue { N = "3" }));
                await db.PutItemAsync(table, Item("gone", "price", new AttributeValue { N = "4" }));
                await db.DeleteItemAsync(table, Key("gone"));
            }

            await using var second = await EmulatorHost.StartAsync(new EmulatorOptions { Port = 0, DataDirectory = data });
            using var again = SdkClients.DynamoDb(second.ServiceUrl);
            Assert.Equal("3", (await again.GetItemAsync(table, Key("kept"))).Item["price"].N);
            Assert.False((await again.GetItemAsync(table, Key("gone"))).IsItemSet);
            Assert.Equal(1, (await again.DescribeTableAsync(table)).Table.ItemCount);
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }

    private static async Task<string> CreateAsync(AmazonDynamoDBClient db, bool sortKey = false, string? name = null)
    {
        var table = name ?? Name();
        var request = new CreateTableRequest
        {
            TableName = table,
            AttributeDefinitions = [new AttributeDefinition("pk", ScalarAttributeType.S)],
            KeySchema = [new KeySchemaElement("pk", KeyType.HASH)],
            BillingMode = BillingMode.PAY_PER_REQUEST,
        };
        if (sortKey)
        {
            request.AttributeDefinitions.Add(new AttributeDefinition("sk", ScalarAttributeType.N));
            request.KeySchema.Add(new KeySchemaElement("sk", KeyType.RANGE));
        }

        Assert.Equal(TableStatus.ACTIVE, (await db.CreateTableAsync(request)).TableDescription.TableStatus);
        return table;
    }

    private static Dictionary<string, AttributeValue> Key(string pk) => new() { ["pk"] = new AttributeValue { S = pk } };

    private static Dictionary<string, AttributeValue> Item(string pk, string name, AttributeValue value) => new() { ["pk"] = new AttributeValue { S = pk },
        [name] = value };

    private async Task<(int ExitCode, string Output, string Error)> Ok(params string[] args)
    {
        var result = await AwsCli.RunAsync(emulator.Host.ServiceUrl, args);
        Assert.True(result.ExitCode == 0, $"aws {string.Join(' ', args)}: {result.Error}");
        return result;
    }
}
