// The epoch arithmetic that `ConformanceRunner.run(_:arithmetic:)` takes, re-exported so that a
// caller — `taosim verify` — imports this module only.
@_exported import enum EpochTypes.Arithmetic
