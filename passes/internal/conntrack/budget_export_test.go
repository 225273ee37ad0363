package conntrack

// MaxWork exports the per-function dataflow budget to the external tests,
// which size their giant functions from it.
const MaxWork = maxWork
