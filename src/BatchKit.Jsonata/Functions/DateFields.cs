namespace BatchKit.Jsonata.Functions;

/// <summary>The UTC fields of a JavaScript date (month zero-based, weekday 0 = Sunday).</summary>
internal readonly record struct DateFields(long Year, int Month, int Day, int Hours, int Minutes, int Seconds, int Millis, int Weekday);
