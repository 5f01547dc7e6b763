/// When the World hands its observer a view (the record cadence of `recording:`); what is
/// measured from a view is the `Metrics` module's business.
extension World {
  /// Hands the observer subnet `index` (and its neurons) if due after this epoch.
  mutating func recordSubnetIfDue<O: WorldObserver>(_ index: Int, observer: inout O) {
    let r = config.recording
    if SubnetRuntime.due(&runtimes[index].epochsSinceRecord, every: r.subnetEveryEpochs) {
      recordedSinceCheck = true
      observer.observe(subnet: index, in: view)
    }
    if SubnetRuntime.due(&runtimes[index].epochsSinceNeuronRecord, every: r.neuronEveryEpochs) {
      recordedSinceCheck = true
      observer.observe(neuronsOf: index, in: view)
    }
  }

  /// Hands the observer the network, a pure read: reserves, prices and issuance are those of
  /// ``accrualProjection()``, so recording never applies accrual to the World and the economics
  /// do not depend on `recording.networkEveryBlocks`.
  mutating func recordNetwork<O: WorldObserver>(observer: inout O) {
    recordedSinceCheck = true
    observer.observe(network: accrualProjection().view)
  }
}
