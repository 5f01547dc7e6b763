import Consensus
import EpochTypes
import NetworkModel
import Testing

@testable import Simulation

/// The queue of weight commits at a reveal (spec §10): the commits due are applied, older ones
/// dropped, and the commits still ahead stay in the queue in place.
@Suite("Pending weight commits at a reveal")
struct CommitRevealQueueTests {
  /// A one-subnet world with commit-reveal period `period`, before its first epoch.
  func world(period: Int, seed: UInt64) throws -> World {
    var c = smallConfig(subnets: 1, days: 1)
    c.hyperparameters.commitRevealInterval = period
    c.nominators.count = 0
    return try World(config: c, rootSeed: seed)
  }

  @Test func theCommitsAheadStayInSubmissionOrderInTheSameStorageAndSetTheEarliestCommitBlocks() throws {
    var w = try world(period: 2, seed: 5)
    let s = w.state.subnets[1]!
    // Epoch index 0 and period 2: the commits of epoch −1 are due, older ones are dropped.
    let due = s.epochIndex + 1 - 2
    let (a, b, d, e) = (3, 4, 5, 6)
    func commit(_ uid: Int, epoch: Int64, block: Int64) -> PendingCommit {
      PendingCommit(uid: uid, hotkey: s.hotkeys[uid], weights: [SparseEntry(uid: uid, value: 65_535)], block: block, epoch: epoch)
    }
    let queue = [
      commit(a, epoch: due + 1, block: 30), commit(b, epoch: due, block: 10), commit(e, epoch: due + 2, block: 50),
      commit(d, epoch: due - 1, block: 5), commit(e, epoch: due + 1, block: 40),
    ]
    w.runtimes[1].pendingCommits = queue
    w.runtimes[1].pendingCommits.reserveCapacity(64)
    let capacity = w.runtimes[1].pendingCommits.capacity
    let reveals = w.counters.reveals
    w.revealCommits(1)
    // The applied and dropped commits leave the queue after the epoch.
    #expect(w.runtimes[1].pendingCommits.count == queue.count)
    w.runtimes[1].dropRevealedCommits()
    let left = w.runtimes[1].pendingCommits
    #expect(left.map(\.uid) == [a, e, e] && left.map(\.block) == [30, 50, 40])
    #expect(w.runtimes[1].pendingCommits.capacity == capacity)
    let chain = w.state.subnets[1]!.chain
    #expect(w.counters.reveals == reveals + 1 && chain.weights[b] == [SparseEntry(uid: b, value: 65_535)])
    #expect(chain.weights[d] != [SparseEntry(uid: d, value: 65_535)])
    #expect(chain.earliestCommitBlock[a] == 30 && chain.earliestCommitBlock[e] == 40)
    #expect(chain.earliestCommitBlock[b] == nil && chain.earliestCommitBlock[d] == nil)
  }

  @Test func aRevealOfTheRowAlreadyStoredKeepsItsStorageAndAChangedRowIsStored() throws {
    var w = try world(period: 1, seed: 6)
    let s = w.state.subnets[1]!
    let uid = try #require((0..<s.n).first { s.chain.validatorPermit[$0] })
    let row = [SparseEntry(uid: 1, value: 65_535), SparseEntry(uid: 2, value: 7)]
    w.state.subnets[1]!.chain.weights[uid] = row
    let equalCopy = Array(row)
    let due = s.epochIndex
    let reveals = w.counters.reveals
    w.runtimes[1].pendingCommits = [PendingCommit(uid: uid, hotkey: s.hotkeys[uid], weights: row, block: 3, epoch: due)]
    w.revealCommits(1)
    #expect(WeightStorage.sameStorage(w.state.subnets[1]!.chain.weights[uid], row))
    let changed = [SparseEntry(uid: 2, value: 65_535)]
    w.runtimes[1].dropRevealedCommits()
    w.runtimes[1].pendingCommits = [PendingCommit(uid: uid, hotkey: s.hotkeys[uid], weights: changed, block: 4, epoch: due)]
    w.revealCommits(1)
    w.runtimes[1].dropRevealedCommits()
    #expect(w.state.subnets[1]!.chain.weights[uid] == changed && w.runtimes[1].pendingCommits.isEmpty)
    #expect(w.counters.reveals == reveals + 2)
    var distinct = equalCopy
    distinct.append(SparseEntry(uid: 3, value: 1))
    distinct.removeLast()
    #expect(distinct == row && !WeightStorage.sameStorage(distinct, row) && WeightStorage.sameStorage(equalCopy, row))
  }
}
