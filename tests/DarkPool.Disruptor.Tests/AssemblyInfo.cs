// The tests start producer and consumer threads, some of them spinning; run one test class at a
// time so that a 2-core machine is not oversubscribed by several such tests at once.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
