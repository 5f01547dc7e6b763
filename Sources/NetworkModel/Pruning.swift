/// Which UID a new registration replaces when a subnet is full (spec §11.3).
public enum Pruning {
  /// Chooses the UID to replace.
  ///
  /// Candidates are all UIDs except owner-immortal ones. Score = last epoch's combined emission;
  /// the minimum wins, ties → earlier registration block → lower UID. Non-immune candidates are
  /// preferred, but only when more than `minNonImmuneUids` UIDs are non-immune; otherwise the
  /// best immune candidate is taken, and when there is none the chain refuses the registration
  /// (`NoNeuronIdAvailable`, subtensor `get_neuron_to_prune`): the protected non-immune floor is
  /// never pruned.
  ///
  /// - Parameters:
  ///   - emission: Stored `Emission` per UID (base units).
  ///   - registrationBlock: `BlockAtRegistration` per UID.
  ///   - ownerImmortal: UIDs that may never be replaced (owner hotkeys, spec §11.3).
  ///   - block: The current block.
  ///   - immunityPeriod: Blocks of immunity after registration.
  ///   - minNonImmuneUids: `MinNonImmuneUids`.
  /// - Returns: The UID index to replace, or `nil` (registration refused) if every UID is
  ///   owner-immortal, or if no UID is immune while at most `minNonImmuneUids` are non-immune.
  /// - Complexity: O(n).
  public static func select(
    emission: [UInt64], registrationBlock: [Int64], ownerImmortal: [Bool],
    block: Int64, immunityPeriod: Int64, minNonImmuneUids: Int
  ) -> Int? {
    var bestImmune: Int? = nil
    var bestOpen: Int? = nil
    var openCount = 0
    func better(_ a: Int, than b: Int?) -> Bool {
      guard let b else { return true }
      return (emission[a], registrationBlock[a], a) < (emission[b], registrationBlock[b], b)
    }
    for uid in emission.indices where !ownerImmortal[uid] {
      let immune = block - registrationBlock[uid] < immunityPeriod
      if immune {
        if better(uid, than: bestImmune) { bestImmune = uid }
      } else {
        openCount += 1
        if better(uid, than: bestOpen) { bestOpen = uid }
      }
    }
    if openCount > minNonImmuneUids, let bestOpen { return bestOpen }
    return bestImmune
  }

  /// The owner-immortal mask: UIDs whose hotkey is the owner hotkey or belongs to the owner
  /// coldkey, keeping at most `limit` of them, the earliest-registered first (ties: lower UID),
  /// with the owner hotkey always first (spec §11.3).
  public static func ownerImmortal(
    isOwnerHotkey: [Bool], ownedByOwnerColdkey: [Bool], registrationBlock: [Int64], limit: Int
  ) -> [Bool] {
    var mask = [Bool](repeating: false, count: isOwnerHotkey.count)
    guard limit > 0 else { return mask }
    var kept = 0
    for uid in mask.indices where isOwnerHotkey[uid] && kept < limit {
      mask[uid] = true
      kept += 1
    }
    let others = mask.indices.filter { ownedByOwnerColdkey[$0] && !mask[$0] }
      .sorted { (registrationBlock[$0], $0) < (registrationBlock[$1], $1) }
    for uid in others where kept < limit {
      mask[uid] = true
      kept += 1
    }
    return mask
  }
}
