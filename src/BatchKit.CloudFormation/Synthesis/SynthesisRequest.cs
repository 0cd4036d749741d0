namespace BatchKit.CloudFormation.Synthesis;

/// <summary>
/// One <c>cdk synth</c>: where the cloud assembly goes, the context values (<c>-c key=value</c>), and the directories
/// the app packs as assets (their content is part of what decides whether an earlier synthesis can be reused).
/// </summary>
public sealed record SynthesisRequest(string OutputDirectory, IReadOnlyDictionary<string, string> Context, IReadOnlyList<string> AssetDirectories);
