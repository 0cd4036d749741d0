using System.Text.Json.Nodes;

namespace BatchKit.Infrastructure.Tests;

/// <summary>The check itself: each kind of over-broad grant is caught, and the scoped ones pass.</summary>
public sealed class LeastPrivilegeCheckTests
{
    private static JsonObject TemplateWith(string statementJson, string type = "AWS::IAM::Policy") =>
        JsonNode.Parse($$"""
        { "Resources": { "P": { "Type": "{{type}}", "Properties": {
            "PolicyName": "p", "PolicyDocument": { "Version": "2012-10-17", "Statement": [ {{statementJson}} ] } } } } }
        """)!.AsObject();

    [Theory]
    [InlineData("""{ "Effect": "Allow", "Action": "*", "Resource": "arn:aws:s3:::b/x" }""", "wildcard action '*'")]
    [InlineData("""{ "Effect": "Allow", "Action": "s3:*", "Resource": "arn:aws:s3:::b/x" }""", "wildcard action 's3:*'")]
    [InlineData("""{ "Effect": "Allow", "Action": ["s3:GetObject"], "Resource": "*" }""", "'s3:GetObject' on every resource")]
    [InlineData("""{ "Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::*" }""", "every resource of its type")]
    [InlineData("""{ "Effect": "Allow", "Action": "ecs:RunTask", "Resource": { "Fn::Join": ["", ["arn:", { "Ref": "AWS::Partition" }, ":ecs:r:1:task-definition/*"]] } }""", "every resource of its type")]
    [InlineData("""{ "Effect": "Allow", "NotAction": "iam:*", "Resource": "*" }""", "NotAction/NotResource")]
    public void Catches_over_broad_grants(string statement, string expected)
    {
        var violation = Assert.Single(LeastPrivilegeCheck.Violations(TemplateWith(statement)));

        Assert.Contains(expected, violation, StringComparison.Ordinal);
    }

    [Fact]
    public void Catches_managed_policies_on_roles()
    {
        var template = JsonNode.Parse("""
            { "Resources": { "R": { "Type": "AWS::IAM::Role", "Properties": { "ManagedPolicyArns": ["arn:aws:iam::aws:policy/AdministratorAccess"] } } } }
            """)!.AsObject();

        Assert.Contains("managed policies", Assert.Single(LeastPrivilegeCheck.Violations(template)), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{ "Effect": "Allow", "Action": "ecr:GetAuthorizationToken", "Resource": "*" }""")]
    [InlineData("""{ "Effect": "Allow", "Action": "s3:GetObject", "Resource": { "Fn::Join": ["", [{ "Fn::GetAtt": ["B", "Arn"] }, "/processed/*"]] } }""")]
    [InlineData("""{ "Effect": "Allow", "Action": "ecs:RunTask", "Resource": "arn:aws:ecs:r:1:task-definition/BatchKit-worker:*" }""")]
    [InlineData("""{ "Effect": "Deny", "Action": "s3:*", "Resource": "*" }""")]
    public void Passes_scoped_grants(string statement)
    {
        Assert.Empty(LeastPrivilegeCheck.Violations(TemplateWith(statement)));
    }
}
