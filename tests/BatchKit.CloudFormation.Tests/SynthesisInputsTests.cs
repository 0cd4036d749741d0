using BatchKit.CloudFormation.Synthesis;
using BatchKit.Testing;

namespace BatchKit.CloudFormation.Tests;

/// <summary>What decides whether a synthesis is reused: a small repository laid out as BatchKit's is.</summary>
public sealed class SynthesisInputsTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("batchkit-synth-inputs-").FullName;

    public SynthesisInputsTests()
    {
        Write("cdk.json", """{ "app": "dotnet run --project src/App --configuration Release", "context": {} }""");
        Write("src/App/App.csproj", """<Project><ItemGroup><ProjectReference Include="..\Lib\Lib.csproj" /></ItemGroup></Project>""");
        Write("src/App/Program.cs", "// the app");
        Write("src/Lib/Lib.csproj", "<Project />");
        Write("src/Lib/Names.cs", "// a referenced project");
        Write("src/Other/Other.cs", "// not part of the app");
        Write("assets/bootstrap", "#!/bin/sh\n");
    }

    private SynthesisRequest Request(string context = "a") =>
        new(Path.Combine(_root, "cdk.out"), new Dictionary<string, string> { ["key"] = context }, [Path.Combine(_root, "assets")]);

    private string Hash(string context = "a") => SynthesisInputs.Hash(_root, Request(context));

    [Fact]
    public void The_app_project_and_the_projects_it_references_are_found_from_cdk_json()
    {
        Assert.Equal(
            [Path.Combine(_root, "src", "App"), Path.Combine(_root, "src", "Lib")],
            SynthesisInputs.AppProjects(_root));
    }

    [Fact]
    public void The_real_CDK_app_depends_on_its_own_project_contracts_and_the_workflow()
    {
        var projects = SynthesisInputs.AppProjects(RepositoryPaths.Root).Select(Path.GetFileName).ToList();

        Assert.Contains("BatchKit.Infrastructure", projects);
        Assert.Contains("BatchKit.Contracts", projects);
        Assert.Contains("BatchKit.Workflow", projects);
        Assert.DoesNotContain("BatchKit.Emulator", projects);
    }

    [Fact]
    public void The_same_inputs_give_the_same_hash_and_build_output_or_other_projects_do_not_count()
    {
        var before = Hash();
        Write("src/App/bin/Release/App.dll", "built");
        Write("src/Lib/obj/project.assets.json", "{}");
        Write("src/Other/Other.cs", "// changed, but not part of the app");

        Assert.Equal(before, Hash());
    }

    [Theory]
    [InlineData("src/App/Program.cs")]
    [InlineData("src/Lib/Names.cs")]
    [InlineData("assets/bootstrap")]
    [InlineData("cdk.json")]
    public void A_change_to_a_source_a_referenced_project_an_asset_or_cdk_json_changes_the_hash(string file)
    {
        var before = Hash();
        File.AppendAllText(Path.Combine(_root, file), " ");

        Assert.NotEqual(before, Hash());
    }

    [Fact]
    public void Other_context_values_change_the_hash()
    {
        Assert.NotEqual(Hash("a"), Hash("b"));
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private void Write(string relative, string text)
    {
        var path = Path.Combine(_root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
    }
}
