// The epoch types that appear in this module's public API (`EpochBenchmark.run` takes an
// `Arithmetic` and `EpochHyperparameters`), re-exported so that the `taosim` executable imports
// this module only.
@_exported import enum EpochTypes.Arithmetic
@_exported import struct EpochTypes.EpochHyperparameters
