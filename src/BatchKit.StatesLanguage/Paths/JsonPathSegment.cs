using System.Text.Json.Nodes;

namespace BatchKit.StatesLanguage.Paths;

/// <summary>One step of a parsed JSONPath. Each step maps the current matches to the next ones.</summary>
internal abstract record JsonPathSegment
{
    /// <summary>True when the step selects at most one node (a Reference Path has only such steps).</summary>
    public abstract bool IsDefinite { get; }

    public abstract void Select(JsonNode? node, List<JsonNode?> into);

    public sealed record Property(string Name) : JsonPathSegment
    {
        public override bool IsDefinite => true;

        public override void Select(JsonNode? node, List<JsonNode?> into)
        {
            if (node is JsonObject o && o.TryGetPropertyValue(Name, out var value))
            {
                into.Add(value);
            }
        }
    }

    public sealed record Index(int Position) : JsonPathSegment
    {
        public override bool IsDefinite => true;

        public override void Select(JsonNode? node, List<JsonNode?> into)
        {
            if (node is JsonArray a)
            {
                var i = Position < 0 ? a.Count + Position : Position;
                if (i >= 0 && i < a.Count)
                {
                    into.Add(a[i]);
                }
            }
        }
    }

    public sealed record Wildcard : JsonPathSegment
    {
        public override bool IsDefinite => false;

        public override void Select(JsonNode? node, List<JsonNode?> into)
        {
            switch (node)
            {
                case JsonArray a:
                    into.AddRange(a);
                    break;
                case JsonObject o:
                    into.AddRange(o.Select(p => p.Value));
                    break;
            }
        }
    }

    public sealed record Slice(int? Start, int? End, int Step) : JsonPathSegment
    {
        public override bool IsDefinite => false;

        public override void Select(JsonNode? node, List<JsonNode?> into)
        {
            if (node is not JsonArray a || Step == 0)
            {
                return;
            }

            int Normalize(int i) => i < 0 ? Math.Max(0, a.Count + i) : Math.Min(i, a.Count);
            if (Step > 0)
            {
                for (var i = Normalize(Start ?? 0); i < Normalize(End ?? a.Count); i += Step)
                {
                    into.Add(a[i]);
                }
            }
            else
            {
                var start = Start is { } s ? (s < 0 ? a.Count + s : Math.Min(s, a.Count - 1)) : a.Count - 1;
                var end = End is { } e ? (e < 0 ? a.Count + e : e) : -1;
                for (var i = start; i > end && i >= 0; i += Step)
                {
                    into.Add(a[i]);
                }
            }
        }
    }

    public sealed record Union(IReadOnlyList<JsonPathSegment> Members) : JsonPathSegment
    {
        public override bool IsDefinite => false;

        public override void Select(JsonNode? node, List<JsonNode?> into)
        {
            foreach (var member in Members)
            {
                member.Select(node, into);
            }
        }
    }

    /// <summary><c>..name</c> or <c>..*</c>: the step applied to the node and every descendant, in document order.</summary>
    public sealed record Descendants(JsonPathSegment Step) : JsonPathSegment
    {
        public override bool IsDefinite => false;

        public override void Select(JsonNode? node, List<JsonNode?> into)
        {
            Step.Select(node, into);
            switch (node)
            {
                case JsonArray a:
                    foreach (var item in a)
                    {
                        Select(item, into);
                    }

                    break;
                case JsonObject o:
                    foreach (var (_, value) in o)
                    {
                        Select(value, into);
                    }

                    break;
            }
        }
    }

    /// <summary><c>[?(@.a.b op literal)]</c> or <c>[?(@.a)]</c> over an array's items (or an object's values).</summary>
    public sealed record Filter(IReadOnlyList<JsonPathSegment> Operand, string? Operator, JsonNode? Literal) : JsonPathSegment
    {
        public override bool IsDefinite => false;

        public override void Select(JsonNode? node, List<JsonNode?> into)
        {
            IEnumerable<JsonNode?> candidates = node switch
            {
                JsonArray a => a,
                JsonObject o => o.Select(p => p.Value),
                _ => [],
            };
            foreach (var candidate in candidates)
            {
                if (Matches(candidate))
                {
                    into.Add(candidate);
                }
            }
        }

        private bool Matches(JsonNode? candidate)
        {
            var current = new List<JsonNode?> { candidate };
            foreach (var step in Operand)
            {
                var next = new List<JsonNode?>();
                foreach (var n in current)
                {
                    step.Select(n, next);
                }

                current = next;
            }

            if (Operator is null)
            {
                return current.Count > 0;
            }

            if (current.Count != 1)
            {
                return false;
            }

            var value = current[0];
            var comparison = Compare(value, Literal);
            return Operator switch
            {
                "==" => comparison == 0,
                "!=" => comparison != 0,
                "<" => comparison is < 0 and not int.MinValue,
                "<=" => comparison is <= 0 and not int.MinValue,
                ">" => comparison is > 0 and not int.MaxValue,
                ">=" => comparison is >= 0 and not int.MaxValue,
                _ => false,
            };
        }

        /// <summary>Orders two values of the same kind; int.MinValue/MaxValue mark "not comparable".</summary>
        private static int Compare(JsonNode? a, JsonNode? b)
        {
            if (Json.JsonText.IsNumber(a) && Json.JsonText.IsNumber(b))
            {
                return Json.JsonText.ToDouble(a!).CompareTo(Json.JsonText.ToDouble(b!));
            }

            if (Json.JsonText.IsString(a, out var sa) && Json.JsonText.IsString(b, out var sb))
            {
                return string.CompareOrdinal(sa, sb) switch { < 0 => -1, > 0 => 1, _ => 0 };
            }

            return Json.JsonText.DeepEquals(a, b) ? 0 : int.MaxValue;
        }
    }
}
