namespace BatchKit.CloudFormation.Deploy;

/// <summary>
/// What a deploy did with one resource. <see cref="Action"/> is one of created, updated, replaced, recreated (the
/// emulator had lost it: a restart keeps only S3), unchanged, deleted, retained, delete-failed, or "accepted, not
/// emulated" (the type is recorded only: IAM, VPC, ...);
/// <see cref="NotEmulated"/> lists the properties of an emulated resource that have no effect locally.
/// </summary>
public sealed record DeployReportEntry(string LogicalId, string Type, string PhysicalId, string Action, IReadOnlyList<string> NotEmulated, string? Note = null)
{
    public const string Created = "created";
    public const string Updated = "updated";
    public const string Replaced = "replaced";
    public const string Recreated = "recreated";
    public const string Unchanged = "unchanged";
    public const string Deleted = "deleted";
    public const string Retained = "retained";
    public const string DeleteFailed = "delete-failed";
    public const string Accepted = "accepted, not emulated";
}
