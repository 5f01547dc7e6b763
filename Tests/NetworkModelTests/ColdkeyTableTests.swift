import NetworkModel
import Testing

/// The coldkey table's running balance total against a fresh sum of its balances.
@Suite("Coldkey table and its running balance total")
struct ColdkeyTableTests {
  @Test(arguments: [UInt64(1), 8, 29])
  func theRunningTotalIsTheSumOfTheBalancesAfterAnyMixOfWrites(seed: UInt64) {
    var state = seed
    func below(_ n: Int) -> Int {
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      return Int((state >> 24) % UInt64(n))
    }
    var table: ColdkeyTable = [Coldkey(balance: 1_000_000)]
    var plain: [Coldkey] = [Coldkey(balance: 1_000_000)]
    for _ in 0..<5_000 {
      let k = below(plain.count)
      let amount = UInt64(below(1_000))
      switch below(6) {
      case 0:
        table.append(Coldkey(balance: amount))
        plain.append(Coldkey(balance: amount))
      case 1:
        table[k].balance += amount
        plain[k].balance += amount
      case 2:
        let taken = min(amount, plain[k].balance)
        table[k].balance -= taken
        plain[k].balance -= taken
      case 3:
        table[k] = Coldkey(balance: amount)
        plain[k] = Coldkey(balance: amount)
      case 4:
        let j = below(plain.count)
        table.swapAt(k, j)
        plain.swapAt(k, j)
      default:
        let k2 = min(plain.count, k + 3)
        table[k..<k2] = ColdkeyTable(plain[k..<k2].map { Coldkey(balance: $0.balance / 2) })[0..<(k2 - k)]
        for i in k..<k2 { plain[i].balance /= 2 }
      }
      #expect(Array(table) == plain)
      #expect(table.heldTotal == plain.reduce(0) { $0 &+ $1.balance })
      #expect(table.heldTotal == table.scannedTotal)
    }
  }

  @Test func aTableBuiltFromBalancesStartsWithTheirSumAndComparesByTheBalancesAlone() {
    let a = ColdkeyTable([Coldkey(balance: 5), Coldkey(balance: 7)])
    var b: ColdkeyTable = [Coldkey(balance: 5), Coldkey(balance: 0)]
    #expect(a.heldTotal == 12 && b.heldTotal == 5)
    #expect(a != b)
    b[1].balance = 7
    #expect(a == b && b.heldTotal == 12)
  }
}
