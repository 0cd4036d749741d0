using BatchKit.CloudFormation.Deploy;
using BatchKit.CloudFormation.Template;

namespace BatchKit.CloudFormation.Resources;

/// <summary>
/// A container image of the template as the emulator knows it: an image CDK publishes from a Docker image asset
/// (<c>ACCOUNT.dkr.ecr.REGION.amazonaws.com/REPOSITORY:ASSET_HASH</c>) is the local image the deploy names for the
/// asset's Dockerfile; any other image is used as written.
/// </summary>
internal static class ContainerImages
{
    public static string Local(TemplateResource resource, string image, DeployContext context)
    {
        var pseudo = context.Pseudo;
        var asset = context.Assembly.Images.FirstOrDefault(a =>
            image == $"{pseudo.AccountId}.dkr.ecr.{pseudo.Region}.{pseudo.UrlSuffix}/{context.Fill(a.RepositoryName)}:{context.Fill(a.ImageTag)}");
        if (asset is null)
        {
            return image;
        }

        var images = context.Settings.LocalImages;
        var known = images.Count == 0 ? "none" : string.Join(", ", images.Select(i => $"{i.Key} → {i.Value}"));
        return images.TryGetValue(asset.DockerFile, out var local)
            ? local
            : throw resource.Error($"the image asset built from {asset.DockerFile} has no local image: name one for that Dockerfile (local images: {known})");
    }
}
