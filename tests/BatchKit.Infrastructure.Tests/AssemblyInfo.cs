// One jsii runtime (a node child process) serves every CDK call in the test process; it is not meant to be driven
// from several threads at once, so the synth fixtures run one after another.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
