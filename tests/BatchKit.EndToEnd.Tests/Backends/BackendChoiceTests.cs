namespace BatchKit.EndToEnd.Tests.Backends;

/// <summary>Which backend BATCHKIT_E2E_BACKEND picks, and the line a run's summary prints when LocalStack is not chosen.</summary>
public sealed class BackendChoiceTests
{
    [Fact]
    public void No_variable_is_the_in_process_emulator()
    {
        var choice = BackendChoice.From(Environment([]));

        Assert.Equal(EndToEndBackend.Process, choice.Backend);
        Assert.Null(choice.NotChosen);
        Assert.Equal("end-to-end backend: process", choice.Describe());
    }

    [Fact]
    public void Container_is_the_emulator_image()
    {
        var choice = BackendChoice.From(Environment(new() { [BackendChoice.BackendVariable] = "container" }));

        Assert.Equal(EndToEndBackend.Container, choice.Backend);
        Assert.Equal("end-to-end backend: container", choice.Describe());
    }

    [Fact]
    public void Localstack_without_image_and_token_is_not_chosen_and_says_which_are_missing()
    {
        var choice = BackendChoice.From(Environment(new() { [BackendChoice.BackendVariable] = "localstack" }));

        Assert.Equal(EndToEndBackend.Process, choice.Backend);
        Assert.Equal("localstack not chosen: BATCHKIT_LOCALSTACK_IMAGE and LOCALSTACK_AUTH_TOKEN are not set", choice.NotChosen);
        Assert.Equal(
            "end-to-end backend: process (localstack not chosen: BATCHKIT_LOCALSTACK_IMAGE and LOCALSTACK_AUTH_TOKEN are not set)",
            choice.Describe());
    }

    [Fact]
    public void Localstack_with_an_image_but_an_empty_token_is_not_chosen()
    {
        var choice = BackendChoice.From(Environment(new()
        {
            [BackendChoice.BackendVariable] = "localstack",
            [BackendChoice.LocalStackImageVariable] = "localstack/localstack-pro:4.9",
            [BackendChoice.LocalStackTokenVariable] = "",
        }));

        Assert.Equal(EndToEndBackend.Process, choice.Backend);
        Assert.Equal("localstack not chosen: LOCALSTACK_AUTH_TOKEN is not set", choice.NotChosen);
    }

    [Fact]
    public void Localstack_with_image_and_token_is_chosen_and_the_token_stays_out_of_the_choice()
    {
        var choice = BackendChoice.From(Environment(new()
        {
            [BackendChoice.BackendVariable] = "localstack",
            [BackendChoice.LocalStackImageVariable] = "localstack/localstack-pro:4.9",
            [BackendChoice.LocalStackTokenVariable] = "ls-secret-token",
        }));

        Assert.Equal(EndToEndBackend.LocalStack, choice.Backend);
        Assert.Equal("localstack/localstack-pro:4.9", choice.LocalStackImage);
        Assert.Null(choice.NotChosen);
        Assert.DoesNotContain("ls-secret-token", choice.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_backend_is_refused_with_the_choices()
    {
        var error = Assert.Throws<ArgumentException>(() => BackendChoice.From(Environment(new() { [BackendChoice.BackendVariable] = "docker" })));

        Assert.Equal("BATCHKIT_E2E_BACKEND=docker is not a backend: use process (the default), container or localstack", error.Message);
    }

    private static Func<string, string?> Environment(Dictionary<string, string> variables) => name => variables.GetValueOrDefault(name);
}
