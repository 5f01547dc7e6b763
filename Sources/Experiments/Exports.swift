// The lower-layer types that appear in this module's public API (`ExperimentRunner.load` returns a
// `LoadedScenario` or throws a `ScenarioError`; writing a run may throw a `RecordingError` when a
// path is refused), re-exported so that a caller — the `taosim` executable — imports this module only.
@_exported import struct ScenarioIO.LoadedScenario
@_exported import struct ScenarioIO.ScenarioError
@_exported import enum Recording.RecordingError
// A comparison's rows carry SimStats' estimates.
@_exported import struct SimStats.MeanEstimate
@_exported import struct SimStats.ValueBounds
