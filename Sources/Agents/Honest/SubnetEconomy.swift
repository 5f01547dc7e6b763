import NetworkModel
import SimCore

/// One UID's earnings as the subnet's economy agent last saw them.
struct EarnerMemory: Sendable, Equatable {
  /// The hotkey the memory belongs to (a replaced UID starts afresh).
  var hotkey: HotkeyID
  /// The coldkey's alpha on the hotkey after the last sales (base units).
  var baseline: UInt64
  /// Consecutive loss-making activations (miners only).
  var lossStreak: Int = 0
  /// TAO the last sales are expected to have paid (rao), withdrawn at the next activation.
  var proceeds: UInt64 = 0
}

/// A miner's books over one activation: alpha earned, valued at spot, against the compute bill.
public struct MinerBooks: Sendable, Equatable {
  /// Alpha earned since the last activation (base units).
  public var earned: UInt64
  /// The pool's spot price (TAO per alpha).
  public var price: Double
  /// The compute bill for the activation (rao).
  public var cost: Double

  public init(earned: UInt64, price: Double, cost: Double) {
    self.earned = earned
    self.price = price
    self.cost = cost
  }

  /// Revenue at spot (rao).
  public var revenue: Double { Double(earned) * price }
  /// Whether the activation lost money.
  public var isLoss: Bool { revenue < cost }

  /// The alpha to sell: enough to pay the bill at spot (at most what was earned), then
  /// `fraction` of what is left of the earnings.
  public func alphaToSell(fraction: Double) -> UInt64 {
    guard earned > 0, price > 0 else { return 0 }
    let forCost = min(earned, FixedMath.floorAmount((cost / price).rounded(.up)))
    let rest = earned - forCost
    return forCost + min(rest, FixedMath.floorAmount(Double(rest) * fraction))
  }

  /// The loss streak after this activation: one longer after a loss, 0 after a profit.
  public func streak(after previous: Int) -> Int { isLoss ? previous + 1 : 0 }
}

/// One subnet's economy (spec-free model, `docs/calibration.md` "Sellers and miner economics"):
/// working miners pay for compute and sell alpha to cover it (and a share of the rest), stop after
/// a sustained loss, and new miners enter while the median miner is profitable; the owner and the
/// validators sell configured shares of what they earn. Proceeds leave to the outside world at the
/// next activation (they pay the compute bill or are spent).
///
/// Earnings are measured as the growth of each hotkey owner's alpha on its own hotkey since the
/// last activation, so nominators' stake and genesis holdings are never sold. Random draws
/// (which working miner an entrant resembles) come from the agent's own stream keyed by subnet.
public struct SubnetEconomy: AgentStrategy {
  public let kind = "economy"
  /// The subnet.
  public let subnet: SubnetID
  /// Parameters.
  public let parameters: EconomicsParameters
  let cadence: Cadence
  let entrants: RandomStream
  var memory: [EarnerMemory?] = []

  /// Creates the agent; its stream is keyed by `subnet`.
  public init(subnet: SubnetID, parameters: EconomicsParameters, streams: StreamFactory, phase: Int64) {
    self.subnet = subnet
    self.parameters = parameters
    entrants = streams.stream("economy.entrants", entity: UInt64(subnet.rawValue))
    cadence = Cadence(interval: parameters.intervalBlocks, phase: phase)
  }

  public func firstActivation(start: Int64) -> Int64? { cadence.first(atOrAfter: start) }
  public func nextActivation(after block: Int64) -> Int64? { cadence.next(after: block) }

  /// Loss-making activations in a row after which a miner stops.
  var exitWindow: Int {
    Int((Double(parameters.exitWindowDays) * Double(SimTime.blocksPerDay) / Double(parameters.intervalBlocks)).rounded(.up))
  }

  public mutating func act(observing o: Observation, rng: RandomStream) -> [AgentAction] {
    guard let s = o.network.subnets[subnet.index] else { return [] }
    let p = parameters
    let price = s.spotPrice
    let cost = p.minerCostPerDayTAO * 1e9 * Double(p.intervalBlocks) / Double(SimTime.blocksPerDay)
    if memory.count < s.n { memory += Array(repeating: nil, count: s.n - memory.count) }
    var withdrawals: [AgentAction] = []
    var sales: [AgentAction] = []
    var workingRevenue: [Double] = []
    var workingUtility: [Double] = []
    for uid in 0..<s.n {
      let hotkey = s.hotkeys[uid]
      let key = o.network.hotkeys[hotkey.index]
      let coldkey = key.owner
      let held = s.alphaPoolOfHotkey[hotkey].map { s.alphaPools[$0].value(of: coldkey) } ?? 0
      guard var m = memory[uid], m.hotkey == hotkey else {
        memory[uid] = EarnerMemory(hotkey: hotkey, baseline: held)
        continue
      }
      let balance = o.network.coldkeys[coldkey.index].balance
      if m.proceeds > 0, balance > 0 { withdrawals.append(.withdraw(coldkey: coldkey, tao: min(m.proceeds, balance))) }
      m.proceeds = 0
      let earned = held > m.baseline ? held - m.baseline : 0
      var sell: UInt64 = 0
      let working = key.role == .honestMiner && o.utility[hotkey] > 0
      if hotkey == s.ownerHotkey {
        sell = FixedMath.floorAmount(Double(earned) * p.ownerSellFraction)
      } else if working {
        let books = MinerBooks(earned: earned, price: price, cost: cost)
        m.lossStreak = books.streak(after: m.lossStreak)
        if m.lossStreak >= exitWindow {
          sales.append(.setUtility(hotkey: hotkey, utility: 0))
          sell = held
        } else {
          sell = books.alphaToSell(fraction: p.minerSellFraction)
          workingRevenue.append(books.revenue)
          workingUtility.append(o.utility[hotkey])
        }
      } else if key.role == .honestValidator, s.chain.validatorPermit[uid] {
        sell = FixedMath.floorAmount(Double(earned) * p.validatorSellFraction)
      }
      sell = min(sell, held)
      if sell > 0 {
        sales.append(.removeStake(coldkey: coldkey, hotkey: hotkey, subnet: subnet, alpha: sell))
        m.proceeds = s.pool.quoteSell(alpha: sell - s.pool.fee(on: sell))
      }
      m.baseline = held - sell
      memory[uid] = m
    }
    return withdrawals + sales + entries(revenue: workingRevenue, utility: workingUtility, cost: cost)
  }

  /// New miners while the median working miner's revenue beats the cost by the entry margin;
  /// each entrant produces the utility of a working miner drawn uniformly.
  func entries(revenue: [Double], utility: [Double], cost: Double) -> [AgentAction] {
    guard parameters.maxEntriesPerActivation > 0, !revenue.isEmpty else { return [] }
    let sorted = revenue.sorted()
    let median = sorted.count % 2 == 1
      ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
    guard median > cost * (1 + parameters.entryMargin) else { return [] }
    return (0..<parameters.maxEntriesPerActivation).map { _ in
      .registerNeuron(
        subnet: subnet, coldkey: nil, role: .honestMiner, utility: utility[entrants.uniformInt(below: utility.count)],
        maxBurn: parameters.maxBurn)
    }
  }
}
