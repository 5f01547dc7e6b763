// swift-tools-version:6.0
import PackageDescription

// The epoch kernel's code generation (docs/epoch-performance.md, "Target CPU"): on x86-64 Linux the
// Consensus module is compiled for Haswell (the x86-64-v3 level: AVX2, FMA, BMI2; swiftc's
// `-target-cpu` takes LLVM CPU names, not level names), which gives the kernel's loops 4-wide
// vectors and about 10 % fewer instructions per epoch. Swift never contracts `a * b + c` into a
// fused multiply-add, so results are bitwise those of baseline x86-64 code.
// `TAOSIM_PORTABLE=1` at build time keeps baseline x86-64 code (a binary for any x86-64 machine).
let consensusCodegen: [SwiftSetting] = {
  #if arch(x86_64) && os(Linux)
    if Context.environment["TAOSIM_PORTABLE"] != "1" {
      return [.unsafeFlags(["-target-cpu", "haswell"])]
    }
  #endif
  return []
}()

/// TaoSim: a deterministic discrete-event simulator of Bittensor-style network economics.
///
/// Layers (a target depends on lower layers, or on a module of its own layer that README's module
/// table names; never upwards, never in a cycle; `scripts/check-layers.py` checks this header, the
/// table, the dependencies below and every `import` in Sources/ against each other):
/// 5 SimCLI · 4 Experiments, Conformance, Benchmarks · 3 Simulation, Metrics, ScenarioIO ·
/// 2 Consensus, Emission, Agents · 1 NetworkModel, SimStats, Recording · 0 SimCore, CGSL, CZlib, EpochTypes.
///
/// Compile-time flags: `SIM_INTERNAL_CHECKS` (debug builds only) also checks the World's
/// conservation invariants after every event; every build checks them after each event that
/// records a row and at the end of a run.
let package = Package(
  name: "TaoSim",
  platforms: [.macOS(.v14)],
  products: [
    .executable(name: "taosim", targets: ["SimCLI"]),
    .library(name: "TaoSimKit", targets: ["Experiments", "Conformance", "Consensus", "SimStats", "SimCore"]),
    // The timed workloads, for the package-benchmark harness in Benchmarks/ (a package of its own).
    .library(name: "TaoSimBenchmarks", targets: ["Benchmarks", "Consensus"]),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
    .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
  ],
  targets: [
    // MARK: - C interop: headers and link flags only
    .systemLibrary(
      name: "CGSL", path: "Sources/CGSL", pkgConfig: "gsl",
      providers: [.apt(["libgsl-dev"]), .brew(["gsl"])]),
    .systemLibrary(
      name: "CZlib", path: "Sources/CZlib", pkgConfig: "zlib",
      providers: [.apt(["zlib1g-dev"]), .brew(["zlib"])]),

    // MARK: - Layers 0 and 1: engine, randomness, the epoch's data types, statistics (no Foundation)
    .target(name: "SimCore", dependencies: ["CGSL"]),
    .target(name: "EpochTypes"),
    .target(name: "SimStats", dependencies: ["CGSL", "SimCore"]),
    .target(name: "NetworkModel", dependencies: ["EpochTypes"]),

    // MARK: - Layers 2 and 3: the epoch, emission, agents, the World (no Foundation)
    .target(name: "Consensus", dependencies: ["EpochTypes"], swiftSettings: consensusCodegen),
    .target(name: "Emission", dependencies: ["NetworkModel"]),
    .target(name: "Agents", dependencies: ["SimCore", "NetworkModel", "EpochTypes", "Consensus"]),
    .target(
      name: "Simulation",
      dependencies: ["SimCore", "NetworkModel", "EpochTypes", "Consensus", "Emission", "Agents"],
      swiftSettings: [.define("SIM_INTERNAL_CHECKS", .when(configuration: .debug))]),
    // What is measured from the World's read-only views: records and the one metric catalogue.
    .target(name: "Metrics", dependencies: ["SimCore", "NetworkModel", "SimStats", "Simulation"]),

    // Speed measurements behind `taosim bench` (timing code stays out of the model modules).
    .target(
      name: "Benchmarks", dependencies: ["SimCore", "Consensus", "EpochTypes", "NetworkModel", "Simulation", "Metrics"]),

    // MARK: - Edges: files, formats, orchestration
    .target(name: "Recording", dependencies: ["CZlib", .product(name: "Crypto", package: "swift-crypto")]),
    .target(
      name: "ScenarioIO",
      dependencies: [
        "NetworkModel", "Emission", "Agents", "EpochTypes", "Recording",
        .product(name: "Yams", package: "Yams"),
      ]),
    .target(name: "Conformance", dependencies: ["Consensus", "EpochTypes", "Recording"]),
    .target(
      name: "Experiments",
      dependencies: [
        "Simulation", "Metrics", "ScenarioIO", "Recording", "SimStats", "Consensus", "EpochTypes",
        "Emission", "Agents", "NetworkModel", "SimCore",
      ],
      plugins: ["SourceRevision"]),
    // The source revision (`git describe`) as a build-time constant of Experiments, for manifests.
    .plugin(name: "SourceRevision", capability: .buildTool()),
    .executableTarget(
      name: "SimCLI",
      dependencies: [
        "Experiments", "Conformance", "Benchmarks",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ]),

    // MARK: - Tests
    .testTarget(name: "SimCoreTests", dependencies: ["SimCore"]),
    .testTarget(name: "SimStatsTests", dependencies: ["SimStats"]),
    .testTarget(name: "ClusterTests", dependencies: ["Experiments", .product(name: "Yams", package: "Yams")]),
    .testTarget(name: "RecordingTests", dependencies: ["Recording"]),
    .target(name: "TestSupport", path: "Tests/TestSupport"),
    .testTarget(name: "ScenarioIOTests", dependencies: ["ScenarioIO", "Recording", "TestSupport"]),
    .testTarget(
      name: "ExperimentsTests",
      dependencies: ["Experiments", "Metrics", "Simulation", "ScenarioIO", "Recording", "SimCore", "SimStats", "TestSupport"],
      exclude: ["Golden"]),
    .testTarget(name: "ConsensusTests", dependencies: ["Consensus", "EpochTypes", "Benchmarks"], exclude: ["Golden"]),
    .testTarget(name: "ConformanceTests", dependencies: ["Conformance", "Consensus", "Recording"]),
    .testTarget(name: "NetworkModelTests", dependencies: ["NetworkModel"]),
    .testTarget(name: "EmissionTests", dependencies: ["Emission", "NetworkModel"]),
    .testTarget(name: "AgentsTests", dependencies: ["Agents", "NetworkModel", "SimCore", "EpochTypes"]),
    .testTarget(
      name: "SimulationTests", dependencies: [
        "Simulation", "Metrics", "Agents", "Emission", "NetworkModel", "EpochTypes", "Consensus", "SimStats", "SimCore",
      ]),
    .testTarget(name: "RetentionTests", dependencies: ["Experiments", "Consensus", "EpochTypes"]),
    .testTarget(name: "AttackTests", dependencies: ["ScenarioIO", "Simulation", "Metrics", "Agents", "NetworkModel"]),
    .testTarget(
      name: "SimCLITests", dependencies: ["SimCLI", .product(name: "ArgumentParser", package: "swift-argument-parser")]),
  ]
)
