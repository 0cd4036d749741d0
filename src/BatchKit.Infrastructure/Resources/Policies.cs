using Amazon.CDK.AWS.IAM;

namespace BatchKit.Infrastructure.Resources;

/// <summary>Policy statements written out in full: every action named, every resource scoped.</summary>
internal static class Policies
{
    public static PolicyStatement Allow(string[] actions, params string[] resources) =>
        new(new PolicyStatementProps { Effect = Effect.ALLOW, Actions = actions, Resources = resources });
}
