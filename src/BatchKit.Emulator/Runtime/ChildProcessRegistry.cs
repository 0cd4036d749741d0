using System.Runtime.InteropServices;
using BatchKit.Contracts.Processes;
using BatchKit.Emulator.Storage;

namespace BatchKit.Emulator.Runtime;

/// <summary>
/// Every child process the emulator runs (ECS tasks, Lambda environments) is recorded in the data directory by pid
/// and start time (<see cref="ChildProcessRecords"/>) while it runs. The parent-death signal ends children with a
/// crashed emulator; should one survive (its launcher thread outlived by a fork, a signal blocked), the next start of the
/// emulator and <c>batchkit down</c> end it from these records, after checking that the pid still is that process.
/// </summary>
internal sealed partial class ChildProcessRegistry
{
    private const int SigKill = 9;
    private readonly DataDirectory _data;

    public ChildProcessRegistry(DataDirectory data)
    {
        _data = data;
        data.Folder(ChildProcessRecords.Folder);
        EndLeftovers();
    }

    public void Record(ProcessIdentity child) =>
        DurableFile.WriteAtomic(ChildProcessRecords.PathOf(_data.Root, child.Pid), System.Text.Encoding.UTF8.GetBytes(child.ToString()), _data.Durable);

    public void Forget(ProcessIdentity child) => DurableFile.Delete(ChildProcessRecords.PathOf(_data.Root, child.Pid), _data.Durable);

    /// <summary>Kills the group of every recorded child that is still the same process, and removes every record.</summary>
    private void EndLeftovers()
    {
        foreach (var (file, identity) in ChildProcessRecords.Read(_data.Root))
        {
            if (identity is not null && identity.IsAlive)
            {
                _ = Kill(-identity.Pid, SigKill); // each child leads its own process group
                _ = Kill(identity.Pid, SigKill);
                Console.Error.WriteLine($"batchkit-emulator: ended process {identity.Pid}, left running by an emulator that stopped without cleaning up");
            }

            File.Delete(file);
        }
    }

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);
}
