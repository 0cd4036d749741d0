using System.Text.Json.Nodes;

namespace BatchKit.Emulator.Services.DynamoDb.Expressions;

/// <summary>A value in an expression: a document path, a <c>:value</c>, <c>size(path)</c>, or (in a SET) a function or arithmetic.</summary>
internal abstract record Operand;

internal sealed record PathOperand(DocumentPath Path) : Operand;

internal sealed record ValueOperand(JsonObject Value) : Operand;

internal sealed record SizeOperand(DocumentPath Path) : Operand;

/// <summary><c>if_not_exists(path, operand)</c>, SET only.</summary>
internal sealed record IfNotExistsOperand(DocumentPath Path, Operand Fallback) : Operand;

/// <summary><c>list_append(a, b)</c>, SET only.</summary>
internal sealed record ListAppendOperand(Operand First, Operand Second) : Operand;

/// <summary><c>a + b</c> or <c>a - b</c> on numbers, SET only.</summary>
internal sealed record ArithmeticOperand(Operand Left, char Operator, Operand Right) : Operand;
