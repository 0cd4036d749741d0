namespace BatchKit.Emulator.Runtime;

/// <summary>The container runtime was asked for, and no Docker engine answers: the emulator does not start.</summary>
public sealed class ContainerEngineUnavailableException(string message, Exception? inner = null) : Exception(message, inner);
