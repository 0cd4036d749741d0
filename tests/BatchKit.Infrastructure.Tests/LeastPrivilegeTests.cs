namespace BatchKit.Infrastructure.Tests;

/// <summary>Every IAM policy the stack synthesizes passes <see cref="LeastPrivilegeCheck"/>.</summary>
[Collection(DefaultStackCollection.Name)]
public sealed class LeastPrivilegeTests(DefaultStack stack)
{
    [Fact]
    public void Every_policy_is_least_privilege()
    {
        Assert.Empty(LeastPrivilegeCheck.Violations(stack.Json));
    }

    [Fact]
    public void Only_the_listed_unscopable_actions_take_every_resource()
    {
        var wildcard = stack.Resources("AWS::IAM::Policy")
            .SelectMany(p => p.Value["Properties"]!["PolicyDocument"]!["Statement"]!.AsArray())
            .Where(s => s!["Resource"]!.ToJsonString() == "\"*\"")
            .SelectMany(s => s!.AsObject().Actions())
            .ToHashSet();

        Assert.Contains("ecr:GetAuthorizationToken", wildcard);
        Assert.Contains("logs:CreateLogDelivery", wildcard);
        Assert.Subset(LeastPrivilegeCheck.UnscopableActions.Keys.ToHashSet(), wildcard);
    }

    [Fact]
    public void No_role_carries_a_managed_policy()
    {
        Assert.All(stack.Resources("AWS::IAM::Role"), r => Assert.Null(r.Value["Properties"]!["ManagedPolicyArns"]));
        Assert.Equal(5, stack.Resources("AWS::IAM::Role").Count());
    }
}
