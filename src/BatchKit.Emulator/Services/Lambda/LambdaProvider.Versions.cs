using System.Globalization;
using System.Text.Json.Nodes;
using BatchKit.Emulator.Protocol;
using Microsoft.AspNetCore.Http;

namespace BatchKit.Emulator.Services.Lambda;

/// <summary>
/// Versions, aliases and reserved concurrency. A published version is a snapshot of $LATEST with its own code and
/// environments; an alias names a version; reserved concurrency caps a function's environments (0 throttles it).
/// https://docs.aws.amazon.com/lambda/latest/dg/configuration-versions.html
/// https://docs.aws.amazon.com/lambda/latest/dg/configuration-aliases.html
/// https://docs.aws.amazon.com/lambda/latest/dg/configuration-concurrency.html
/// </summary>
internal sealed partial class LambdaProvider
{
    /// <summary>The operations of this file, by their model names (the REST-JSON protocol matched the path and validated the input).</summary>
    private async Task HandleVersionsAndConcurrencyAsync(HttpContext context, RestRequest request)
    {
        var input = request.Input;
        var name = request.Label("FunctionName");
        (JsonNode? Answer, int Status) result = request.Operation switch
        {
            "PutFunctionConcurrency" => (await PutFunctionConcurrencyAsync(name, input).ConfigureAwait(false), 200),
            "GetFunctionConcurrency" => (GetFunctionConcurrency(name), 200),
            "DeleteFunctionConcurrency" => (await DeleteFunctionConcurrencyAsync(name).ConfigureAwait(false), 204),
            "PublishVersion" => (PublishVersion(name, input), 201),
            "ListVersionsByFunction" => (ListVersionsByFunction(name), 200),
            "CreateAlias" => (CreateAlias(name, input), 201),
            "ListAliases" => (ListAliases(name, input["FunctionVersion"]?.GetValue<string>() ?? ""), 200),
            "GetAlias" => (GetAlias(name, request.Label("Name")), 200),
            "UpdateAlias" => (UpdateAlias(name, request.Label("Name"), input), 200),
            "DeleteAlias" => (DeleteAlias(name, request.Label("Name")), 204),
            _ => throw LambdaErrors.UnknownOperation(context.Request.Method, context.Request.Path),
        };
        if (result.Status == 204)
        {
            context.Response.StatusCode = 204;
        }
        else
        {
            await WriteAsync(context, result.Answer!, result.Status).ConfigureAwait(false);
        }
    }

    /// <summary>https://docs.aws.amazon.com/lambda/latest/api/API_PutFunctionConcurrency.html</summary>
    public async Task<JsonObject> PutFunctionConcurrencyAsync(string nameOrArn, JsonObject request)
    {
        var name = Runtime(nameOrArn).Function.FunctionName;
        var reserved = request["ReservedConcurrentExecutions"]?.GetValue<int>()
            ?? throw LambdaErrors.InvalidParameterValue("ReservedConcurrentExecutions is required.");
        if (reserved < 0)
        {
            throw LambdaErrors.InvalidParameterValue(
                $"1 validation error detected: Value '{reserved}' at 'reservedConcurrentExecutions' failed to satisfy constraint: Member must have value "
                + "greater than or equal to 0");
        }

        store.Concurrency[name] = reserved;
        await ReplaceAsync(name, f => f).ConfigureAwait(false); // the new cap applies to the environments from now on
        return new JsonObject { ["ReservedConcurrentExecutions"] = reserved };
    }

    /// <summary>An empty answer when none is reserved, as AWS gives. https://docs.aws.amazon.com/lambda/latest/api/API_GetFunctionConcurrency.html</summary>
    public JsonObject GetFunctionConcurrency(string nameOrArn)
    {
        var name = Runtime(nameOrArn).Function.FunctionName;
        return store.Concurrency.TryGetValue(name, out var reserved) ? new JsonObject { ["ReservedConcurrentExecutions"] = reserved } : [];
    }

    public async Task<JsonObject?> DeleteFunctionConcurrencyAsync(string nameOrArn)
    {
        var name = Runtime(nameOrArn).Function.FunctionName;
        if (store.Concurrency.TryRemove(name, out _))
        {
            await ReplaceAsync(name, f => f).ConfigureAwait(false);
        }

        return null;
    }

    /// <summary>
    /// Snapshots $LATEST as the next version number; publishing again without a change returns the newest version, as
    /// AWS does when the code and configuration are unchanged. https://docs.aws.amazon.com/lambda/latest/api/API_PublishVersion.html
    /// </summary>
    public JsonObject PublishVersion(string nameOrArn, JsonObject request)
    {
        var latest = Runtime(nameOrArn).Function;
        if (request["CodeSha256"]?.GetValue<string>() is { } sha && sha != latest.CodeSha256)
        {
            throw new ServiceErrorException("InvalidParameterValueException",
                $"CodeSha256 ({sha}) is different from current CodeSha256 in $LATEST ({latest.CodeSha256}). Please try again with the CodeSha256 in $LATEST.");
        }

        var versions = store.Versions.GetOrAdd(latest.FunctionName, _ => []);
        FunctionRuntime published;
        lock (versions)
        {
            if (versions.Count > 0 && Same(versions[^1].Function, latest))
            {
                return versions[^1].Function.ToConfiguration();
            }

            var number = (versions.Count + 1).ToString(CultureInfo.InvariantCulture);
            published = NewRuntime(latest with
            {
                Version = number,
                FunctionArn = $"{latest.FunctionArn}:{number}",
                Description = request["Description"]?.GetValue<string>() ?? latest.Description,
            });
            versions.Add(published);
        }

        return published.Function.ToConfiguration();
    }

    public JsonObject ListVersionsByFunction(string nameOrArn)
    {
        var latest = Runtime(nameOrArn).Function;
        var versions = store.Versions.GetValueOrDefault(latest.FunctionName) ?? [];
        lock (versions)
        {
            return new JsonObject { ["Versions"] = new JsonArray([latest.ToConfiguration(), .. versions.Select(v => (JsonNode)v.Function.ToConfiguration())]) };
        }
    }

    /// <summary>https://docs.aws.amazon.com/lambda/latest/api/API_CreateAlias.html</summary>
    public JsonObject CreateAlias(string nameOrArn, JsonObject request)
    {
        var function = Runtime(nameOrArn).Function;
        var alias = request["Name"]?.GetValue<string>() ?? throw LambdaErrors.InvalidParameterValue("Name is required.");
        if (int.TryParse(alias, out _) || alias == "$LATEST")
        {
            throw LambdaErrors.InvalidParameterValue($"An alias name cannot be a version number or $LATEST: {alias}");
        }

        var configuration = AliasConfiguration(function, alias, request, previous: null);
        return store.Aliases.GetOrAdd(function.FunctionName, _ => new(StringComparer.Ordinal)).TryAdd(alias, configuration)
            ? (JsonObject)configuration.DeepClone()
            : throw LambdaErrors.AliasExists(configuration["AliasArn"]!.GetValue<string>());
    }

    public JsonObject GetAlias(string nameOrArn, string alias) => (JsonObject)Alias(nameOrArn, alias).DeepClone();

    public JsonObject ListAliases(string nameOrArn, string functionVersion)
    {
        var function = Runtime(nameOrArn).Function;
        var aliases = store.Aliases.GetValueOrDefault(function.FunctionName)?.Values ?? [];
        return new JsonObject
        {
            ["Aliases"] = new JsonArray([.. aliases
                .Where(a => functionVersion.Length == 0 || a["FunctionVersion"]!.GetValue<string>() == functionVersion)
                .OrderBy(a => a["Name"]!.GetValue<string>(), StringComparer.Ordinal)
                .Select(a => a.DeepClone())]),
        };
    }

    public JsonObject UpdateAlias(string nameOrArn, string alias, JsonObject request)
    {
        var function = Runtime(nameOrArn).Function;
        var updated = AliasConfiguration(function, alias, request, Alias(nameOrArn, alias));
        store.Aliases[function.FunctionName][alias] = updated;
        return (JsonObject)updated.DeepClone();
    }

    /// <summary>Deleting a missing alias, or one of a missing function, succeeds: DeleteAlias has no ResourceNotFoundException.</summary>
    public JsonObject? DeleteAlias(string nameOrArn, string alias)
    {
        if (TryRuntime(nameOrArn, null, out var runtime, out _))
        {
            store.Aliases.GetValueOrDefault(runtime.Function.FunctionName)?.TryRemove(alias, out _);
        }

        return null;
    }

    /// <summary>The runtime of a numbered version, or of the version an alias names; null when there is none.</summary>
    private FunctionRuntime? Qualified(string name, string qualifier)
    {
        if (store.Aliases.GetValueOrDefault(name)?.GetValueOrDefault(qualifier) is { } alias)
        {
            qualifier = alias["FunctionVersion"]!.GetValue<string>();
            if (qualifier == "$LATEST")
            {
                return store.Functions.GetValueOrDefault(name);
            }
        }

        var versions = store.Versions.GetValueOrDefault(name);
        if (versions is null || !int.TryParse(qualifier, NumberStyles.None, CultureInfo.InvariantCulture, out var number))
        {
            return null;
        }

        lock (versions)
        {
            return number >= 1 && number <= versions.Count ? versions[number - 1] : null;
        }
    }

    private JsonObject Alias(string nameOrArn, string alias)
    {
        var function = Runtime(nameOrArn).Function;
        return store.Aliases.GetValueOrDefault(function.FunctionName)?.GetValueOrDefault(alias)
            ?? throw LambdaErrors.AliasNotFound($"{function.FunctionArn}:{alias}");
    }

    private JsonObject AliasConfiguration(LambdaFunction function, string alias, JsonObject request, JsonObject? previous)
    {
        var version = request["FunctionVersion"]?.GetValue<string>() ?? previous?["FunctionVersion"]?.GetValue<string>()
            ?? throw LambdaErrors.InvalidParameterValue("FunctionVersion is required.");
        if (version != "$LATEST" && Qualified(function.FunctionName, version) is null)
        {
            throw LambdaErrors.FunctionNotFound($"{function.FunctionArn}:{version}");
        }

        var configuration = new JsonObject
        {
            ["AliasArn"] = $"{function.FunctionArn}:{alias}",
            ["Name"] = alias,
            ["FunctionVersion"] = version,
            ["Description"] = request["Description"]?.GetValue<string>() ?? previous?["Description"]?.GetValue<string>() ?? "",
            ["RevisionId"] = Guid.NewGuid().ToString(),
        };
        if ((request["RoutingConfig"] ?? previous?["RoutingConfig"]) is JsonObject routing)
        {
            configuration["RoutingConfig"] = routing.DeepClone();
        }

        return configuration;
    }

    private static bool Same(LambdaFunction version, LambdaFunction latest) =>
        version.CodeSha256 == latest.CodeSha256 && version.Handler == latest.Handler && version.Timeout == latest.Timeout
        && version.MemorySize == latest.MemorySize && version.Role == latest.Role && version.Runtime == latest.Runtime
        && version.Environment.Count == latest.Environment.Count && version.Environment.All(e => latest.Environment.GetValueOrDefault(e.Key) == e.Value);
}
