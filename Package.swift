// swift-tools-version:6.0
import PackageDescription

/// TaoSim: a deterministic discrete-event simulator of Bittensor-style network economics.
///
/// Layers (dependencies point down only):
/// 5 SimCLI (`taosim`) · 4 Experiments, Conformance, Benchmarks · 3 Simulation, ScenarioIO, Retention ·
/// 2 Consensus, Emission, Agents · 1 NetworkModel, SimStats, Recording · 0 SimCore, CGSL.
///
/// Compile-time flags: `SIM_INTERNAL_CHECKS` (debug builds only) runs the World's conservation
/// invariants after every event; release builds skip them.
let package = Package(
  name: "TaoSim",
  platforms: [.macOS(.v14)],
  products: [
    .executable(name: "taosim", targets: ["SimCLI"]),
    .library(name: "TaoSimKit", targets: ["Experiments", "Conformance", "Consensus", "SimStats", "SimCore"]),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
  ],
  targets: [
    // MARK: - C interop: headers and link flags only
    .systemLibrary(
      name: "CGSL", path: "Sources/CGSL", pkgConfig: "gsl",
      providers: [.apt(["libgsl-dev"]), .brew(["gsl"])]),

    // MARK: - Layer 0/1: engine, randomness, statistics (no Foundation)
    .target(name: "SimCore", dependencies: ["CGSL"]),
    .target(name: "SimStats", dependencies: ["CGSL", "SimCore"]),

    // MARK: - Layer 1/2: domain (no Foundation)
    .target(name: "NetworkModel", dependencies: ["SimCore", "Consensus"]),
    .target(name: "Consensus"),
    .target(name: "Emission", dependencies: ["NetworkModel"]),
    .target(name: "Agents", dependencies: ["SimCore", "NetworkModel", "Consensus"]),
    .target(
      name: "Simulation",
      dependencies: ["SimCore", "NetworkModel", "Consensus", "Emission", "Agents", "SimStats"],
      swiftSettings: [.define("SIM_INTERNAL_CHECKS", .when(configuration: .debug))]),
    // The retention (collusion) Monte-Carlo of spec §15.3: pure epoch-level study, no World needed.
    .target(name: "Retention", dependencies: ["Consensus", "SimCore"]),

    // Speed measurements behind `taosim bench` (timing code stays out of the model modules).
    .target(name: "Benchmarks", dependencies: ["Consensus", "NetworkModel", "Simulation"]),

    // MARK: - Edges: files, formats, orchestration
    .target(name: "Recording"),
    .target(
      name: "ScenarioIO",
      dependencies: [
        "NetworkModel", "Emission", "Agents", "Simulation", "Consensus", "Recording",
        .product(name: "Yams", package: "Yams"),
      ]),
    .target(name: "Conformance", dependencies: ["Consensus"]),
    .target(
      name: "Experiments",
      dependencies: [
        "Simulation", "ScenarioIO", "Recording", "SimStats", "Consensus", "SimCore", "Retention", "Emission",
      ]),
    .executableTarget(
      name: "SimCLI",
      dependencies: [
        "Experiments", "Conformance", "SimCore", "SimStats", "Consensus", "Simulation", "Benchmarks",
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
      name: "ExperimentsTests", dependencies: ["Experiments", "ScenarioIO", "Recording", "SimCore", "TestSupport"],
      exclude: ["Golden"]),
    .testTarget(name: "ConsensusTests", dependencies: ["Consensus", "Benchmarks"]),
    .testTarget(name: "ConformanceTests", dependencies: ["Conformance", "Consensus"]),
    .testTarget(name: "NetworkModelTests", dependencies: ["NetworkModel"]),
    .testTarget(name: "EmissionTests", dependencies: ["Emission", "NetworkModel"]),
    .testTarget(name: "AgentsTests", dependencies: ["Agents", "NetworkModel", "SimCore", "Consensus"]),
    .testTarget(
      name: "SimulationTests", dependencies: ["Simulation", "Agents", "Emission", "NetworkModel", "Consensus", "SimStats", "SimCore"]),
    .testTarget(name: "RetentionTests", dependencies: ["Retention", "Consensus"]),
    .testTarget(name: "AttackTests", dependencies: ["ScenarioIO", "Simulation", "Agents", "NetworkModel"]),
  ]
)
