// swift-tools-version:6.1
import PackageDescription

/// The kernels under the package-benchmark harness (ordo-one/benchmark): runs can be saved as a
/// baseline and later runs compared with it (`make bench-kernels`, `Benchmarks/README.md`).
///
/// A package of its own beside TaoSim's, so that TaoSim's `swift build` and `make test` never
/// resolve or build the harness; it reaches the model only through the `TaoSimBenchmarks` product.
let package = Package(
  name: "TaoSimKernelBenchmarks",
  platforms: [.macOS(.v14)],
  dependencies: [
    .package(name: "TaoSim", path: ".."),
    .package(url: "https://github.com/ordo-one/benchmark", exact: "1.38.1", traits: ["MallocInterposer"]),
  ],
  targets: [
    .executableTarget(
      name: "EpochKernel",
      dependencies: [
        .product(name: "Benchmark", package: "benchmark"),
        .product(name: "TaoSimBenchmarks", package: "TaoSim"),
      ],
      path: "EpochKernel",
      plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]),
  ]
)
