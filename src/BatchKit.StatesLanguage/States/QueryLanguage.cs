namespace BatchKit.StatesLanguage.States;

/// <summary>
/// How a state's fields select and transform data: JSONPath (InputPath, Parameters, ResultSelector, ResultPath,
/// OutputPath) or JSONata (Arguments, Output and <c>{% %}</c> expressions). Set for the whole machine and per state.
/// https://docs.aws.amazon.com/step-functions/latest/dg/transforming-data.html
/// </summary>
internal enum QueryLanguage
{
    JsonPath,
    Jsonata,
}
