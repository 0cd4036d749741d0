using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Nodes;
using BatchKit.Jsonata;
using Spectre.Console;

namespace BatchKit.Cli.Commands;

/// <summary>
/// <c>batchkit jsonata EXPR [--input FILE|-] [--bindings JSON]</c>: evaluates a JSONata expression
/// (https://docs.jsonata.org) and prints the result as JSON, or nothing for an undefined result. A JSONata error
/// prints as <c>CODE: message</c> on stderr; it and bad input exit with <see cref="ExitCodes.UserError"/>.
/// </summary>
internal static class JsonataCommand
{
    /// <summary>Deeper than System.Text.Json's default of 64, as JSONata documents may be.</summary>
    private const int MaxDepth = 512;

    public static Command Create(IAnsiConsole console)
    {
        var expression = new Argument<string>("expression") { Description = "The JSONata expression, e.g. 'Account.Order.Product.Price'." };
        var input = new Option<string?>("--input", "-i")
        {
            Description = "The input document: a JSON file, or - for stdin. Without it the input is undefined.",
        };
        var bindings = new Option<string?>("--bindings", "-b") { Description = "Variables as a JSON object, e.g. '{\"rate\": 0.2}' binds $rate." };
        var command = new Command("jsonata", "Evaluate a JSONata expression against a JSON document and print the result.")
        {
            expression, input, bindings,
        };
        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(console, _ =>
        {
            var result = Evaluate(parse.GetValue(expression)!, ReadInput(parse.GetValue(input)), ReadBindings(parse.GetValue(bindings)));
            if (!result.IsUndefined)
            {
                parse.InvocationConfiguration.Output.WriteLine(result.ToJsonString());
            }

            return Task.CompletedTask;
        }, cancellationToken, parse.InvocationConfiguration.Error));
        return command;
    }

    private static JsonataResult Evaluate(string text, JsonataResult input, JsonataBindings bindings)
    {
        try
        {
            return JsonataExpression.Compile(text).Evaluate(input, bindings);
        }
        catch (JsonataException e)
        {
            throw new BatchKitException($"{e.Code}: {e.Message}", e);
        }
    }

    private static JsonataResult ReadInput(string? path)
    {
        if (path is null)
        {
            return JsonataResult.Undefined;
        }

        string text;
        try
        {
            text = path == "-" ? Console.In.ReadToEnd() : File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new BatchKitException($"--input {path}: {e.Message}", e);
        }

        return ParseJson(text, $"--input {(path == "-" ? "(stdin)" : path)}");
    }

    private static JsonataBindings ReadBindings(string? json)
    {
        var bindings = new JsonataBindings();
        if (json is null)
        {
            return bindings;
        }

        if (ParseJson(json, "--bindings").Value is not JsonObject variables)
        {
            throw new BatchKitException("--bindings: must be a JSON object of variable names and values, e.g. '{\"rate\": 0.2}'");
        }

        foreach (var (name, value) in variables)
        {
            bindings.Bind(name, value?.DeepClone());
        }

        return bindings;
    }

    /// <summary>JSON as JavaScript's JSON.parse reads it (a repeated key: the last one wins).</summary>
    private static JsonataResult ParseJson(string text, string what)
    {
        try
        {
            return JsonataResult.Parse(text, MaxDepth);
        }
        catch (JsonException e)
        {
            throw new BatchKitException($"{what}: not valid JSON ({e.Message})", e);
        }
    }
}
