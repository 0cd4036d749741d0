namespace BatchKit.Emulator.Services.DynamoDb.Expressions;

/// <summary>
/// One action of an UpdateExpression: SET path = value, REMOVE path, ADD path :v, DELETE path :v.
/// https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Expressions.UpdateExpressions.html
/// </summary>
internal sealed record UpdateAction(string Clause, DocumentPath Path, Operand? Value);
