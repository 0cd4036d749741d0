using BatchKit.Emulator.Protocol;

namespace BatchKit.Emulator.Services.Ses;

/// <summary>SES error codes (botocore ses/2010-12-01 and sesv2/2019-09-27 service-2.json).</summary>
internal static class SesErrors
{
    public static ServiceErrorException NotVerified(string address, bool v2) =>
        new(v2 ? "MessageRejected" : "MessageRejected",
            $"Email address is not verified. The following identities failed the check in region US-EAST-1: {address}");

    public static ServiceErrorException Invalid(string message, bool v2) => new(v2 ? "BadRequestException" : "InvalidParameterValue", message);

    public static ServiceErrorException NotFound(string identity) => new("NotFoundException", $"Email identity {identity} does not exist.", 404);
}
