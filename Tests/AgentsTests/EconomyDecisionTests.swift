import NetworkModel
import Testing

@testable import Agents

/// The yield stakers' move decision and the miners' books, on numbers worked out by hand.
@Suite("Moving stake and paying for compute, by hand")
struct EconomyDecisionTests {
  /// Two fee-free constant-product pools of 1 000 TAO and 1 000 alpha (price 1).
  let even = LiquidityPool(taoReserve: 1_000_000_000_000, alphaReserve: 1_000_000_000_000, feeRate: 0)

  @Test("Moving 100 alpha between two 1 000/1 000 pools costs 16.67 TAO of slippage, more than 30 days of a 40-point yield gap gains")
  func aMoveThatDoesNotPay() {
    // Sell 100 alpha: ⌊10¹² · 10¹¹ / (1.1 · 10¹²)⌋ = 90 909 090 909 rao; buy with it:
    // ⌊10¹² · 90 909 090 909 / 1 090 909 090 909⌋ = 83 333 333 333 alpha at price 1.
    let move = StakeMove(held: [100_000_000_000], from: even, to: even, rateFrom: 0.1, rateTo: 0.5, horizonDays: 30)
    #expect(move.tao == 90_909_090_909)
    #expect(move.value == 100_000_000_000)
    #expect(move.cost == 100_000_000_000 - 83_333_333_333)
    // Gain: 100 TAO × 0.4 × 30/365 = 3.2877 TAO < 16.67 TAO.
    #expect(abs(move.gain - 100e9 * 0.4 * 30 / 365) < 1e-3)
    #expect(!move.pays(hurdle: 0))
  }

  @Test("Over a year the same gap gains 40 TAO, which pays for the move unless a 30 % hurdle is asked")
  func aMoveThatPaysOverAYear() {
    let move = StakeMove(held: [60_000_000_000, 40_000_000_000], from: even, to: even, rateFrom: 0.1, rateTo: 0.5, horizonDays: 365)
    // Two sales in a row through the same pool: ⌊10¹²·6·10¹⁰/1.06·10¹²⌋ = 56 603 773 584, then
    // ⌊943 396 226 416·4·10¹⁰/1.1·10¹²⌋ = 34 305 317 324: 90 909 090 908 rao in all (one rao less
    // than selling the 100 alpha at once, by flooring).
    #expect(move.tao == 56_603_773_584 + 34_305_317_324)
    #expect(abs(move.gain - 40e9) < 1e-3)
    #expect(move.pays(hurdle: 0))
    #expect(!move.pays(hurdle: 0.3))  // 40 < 16.67 + 30
  }

  @Test("The pools' 0.05 % fee makes the same move cost more than the fee-free one")
  func feesAddToTheCost() {
    let feed = LiquidityPool(taoReserve: 1_000_000_000_000, alphaReserve: 1_000_000_000_000)
    let free = StakeMove(held: [100_000_000_000], from: even, to: even, rateFrom: 0, rateTo: 0, horizonDays: 1)
    let paid = StakeMove(held: [100_000_000_000], from: feed, to: feed, rateFrom: 0, rateTo: 0, horizonDays: 1)
    #expect(paid.cost > free.cost)
    #expect(paid.cost - free.cost < 0.002 * 100e9)
  }

  @Test("A miner who earns 10 alpha at 0.5 TAO and owes 2 TAO sells 4 alpha for the bill and half of the other 6")
  func aProfitableMinerSellsItsBillAndAShare() {
    let books = MinerBooks(earned: 10_000_000_000, price: 0.5, cost: 2_000_000_000)
    #expect(books.revenue == 5_000_000_000)
    #expect(!books.isLoss)
    #expect(books.alphaToSell(fraction: 0.5) == 4_000_000_000 + 3_000_000_000)
    #expect(books.alphaToSell(fraction: 0) == 4_000_000_000)
    #expect(books.streak(after: 5) == 0)
  }

  @Test("A miner whose 5 TAO of revenue does not cover a 6 TAO bill sells all it earned and lengthens its loss streak")
  func aLossMakingMiner() {
    let books = MinerBooks(earned: 10_000_000_000, price: 0.5, cost: 6_000_000_000)
    #expect(books.isLoss)
    #expect(books.alphaToSell(fraction: 0) == 10_000_000_000)
    #expect(books.streak(after: 0) == 1)
    #expect(books.streak(after: 13) == 14)
  }
}
