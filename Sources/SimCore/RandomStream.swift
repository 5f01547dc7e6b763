import CGSL

/// A keyed random stream: a GSL `mt19937` generator whose whole state is derived from a
/// ``StreamKey``, with variates drawn by GSL's `gsl_ran_*` samplers.
///
/// Seeding: `gsl_rng_set` keeps only 32 bits of seed for mt19937, which would make collisions
/// between many keyed streams likely. Instead the 624-word state is filled from a SplitMix64
/// sequence started at the key's 64-bit digest (the same idea as NumPy's `SeedSequence`). Nothing
/// reads `GSL_RNG_TYPE`/`GSL_RNG_SEED` from the environment (`gsl_rng_env_setup` is never called).
///
/// Not thread-safe: one stream per entity per task. The class owns its `gsl_rng`.
public final class RandomStream {
  @usableFromInline let rng: UnsafeMutablePointer<gsl_rng>
  /// The generator's 624 state words and its index, inside GSL's own state (read by
  /// ``nextWord()``, which steps the same state as `gsl_rng_get`).
  @usableFromInline let words: UnsafeMutablePointer<UInt>
  @usableFromInline let index: UnsafeMutablePointer<Int32>
  /// The key this stream was derived from.
  public let key: StreamKey

  /// Creates the stream for `key`; identical keys give identical sequences on every run.
  public init(_ key: StreamKey) {
    GSLRuntime.prepare()
    guard let generator = gsl_rng_alloc(cgsl_rng_mt19937()) else {
      fatalError("gsl_rng_alloc failed: out of memory")
    }
    rng = generator
    self.key = key
    precondition(gsl_rng_size(rng) == cgsl_mt19937_state_size(), "unexpected GSL mt19937 state layout")
    let state = gsl_rng_state(rng).assumingMemoryBound(to: cgsl_mt19937_state.self)
    var splitmix = key.digest
    withUnsafeMutableBytes(of: &state.pointee.mt) { raw in
      let words = raw.bindMemory(to: UInt.self)
      for index in words.indices {
        splitmix &+= 0x9E37_79B9_7F4A_7C15
        words[index] = UInt(StableHash.mix(splitmix) >> 32)
      }
    }
    state.pointee.mti = 624
    let raw = UnsafeMutableRawPointer(state)
    words = raw.assumingMemoryBound(to: UInt.self)
    index = (raw + MemoryLayout<cgsl_mt19937_state>.offset(of: \cgsl_mt19937_state.mti)!)
      .assumingMemoryBound(to: Int32.self)
  }

  /// Convenience: `RandomStream(StreamKey(rootSeed:purpose:entity:replication:))`.
  public convenience init(rootSeed: UInt64, purpose: String, entity: UInt64 = 0, replication: UInt64 = 0) {
    self.init(StreamKey(rootSeed: rootSeed, purpose: purpose, entity: entity, replication: replication))
  }

  deinit { gsl_rng_free(rng) }

  /// The next raw 32-bit output of the generator.
  @inlinable public func nextRaw() -> UInt32 { UInt32(truncatingIfNeeded: gsl_rng_get(rng)) }
  /// The next raw 32-bit output, computed here instead of through GSL's function pointer: the
  /// same mt19937 step on the same state (GSL's `mt_get` in `rng/mt.c`), so it interleaves freely
  /// with every `gsl_ran_*` draw and returns exactly what `nextRaw()` would.
  @inlinable public func nextWord() -> UInt32 {
    var i = Int(index.pointee)
    if i >= 624 {
      refill()
      i = 0
    }
    var k = UInt32(truncatingIfNeeded: words[i])
    index.pointee = Int32(i + 1)
    k ^= k >> 11
    k ^= (k << 7) & 0x9D2C_5680
    k ^= (k << 15) & 0xEFC6_0000
    k ^= k >> 18
    return k
  }

  /// Generates the next 624 state words (the block step of `mt_get`).
  @usableFromInline func refill() {
    let n = 624, m = 397
    @inline(__always) func twist(_ a: Int, _ b: Int, _ c: Int) {
      let y = (words[a] & 0x8000_0000) | (words[b] & 0x7FFF_FFFF)
      words[a] = words[c] ^ (y >> 1) ^ ((y & 1) != 0 ? 0x9908_B0DF : 0)
    }
    for kk in 0..<(n - m) { twist(kk, kk + 1, kk + m) }
    for kk in (n - m)..<(n - 1) { twist(kk, kk + 1, kk + m - n) }
    twist(n - 1, 0, m - 1)
    index.pointee = 0
  }

  /// Uniform on [0, 1) (`gsl_rng_uniform`).
  @inlinable public func uniform() -> Double { gsl_rng_uniform(rng) }
  /// Uniform integer in 0..<bound (`gsl_rng_uniform_int`). - Precondition: bound > 0.
  @inlinable public func uniformInt(below bound: Int) -> Int {
    precondition(bound > 0, "bound must be positive, got \(bound)")
    return Int(gsl_rng_uniform_int(rng, UInt(bound)))
  }
  /// Normal with mean `mean` and standard deviation `sigma` (`gsl_ran_gaussian_ziggurat`).
  @inlinable public func gaussian(mean: Double = 0, sigma: Double) -> Double {
    mean + gsl_ran_gaussian_ziggurat(rng, sigma)
  }
  /// Log-normal: exp(N(zeta, sigma²)) (`gsl_ran_lognormal`).
  @inlinable public func lognormal(zeta: Double, sigma: Double) -> Double { gsl_ran_lognormal(rng, zeta, sigma) }
  /// Pareto with shape `a` and scale `b` (`gsl_ran_pareto`); support x ≥ b.
  @inlinable public func pareto(shape a: Double, scale b: Double) -> Double { gsl_ran_pareto(rng, a, b) }
  /// Gamma with shape `a` and scale `b` (`gsl_ran_gamma`).
  @inlinable public func gamma(shape a: Double, scale b: Double) -> Double { gsl_ran_gamma(rng, a, b) }
  /// Exponential with mean `mean` (`gsl_ran_exponential`).
  @inlinable public func exponential(mean: Double) -> Double { gsl_ran_exponential(rng, mean) }
  /// Poisson count with mean `mean` (`gsl_ran_poisson`).
  @inlinable public func poisson(mean: Double) -> Int { Int(gsl_ran_poisson(rng, mean)) }
  /// Geometric count of trials to the first success, k ≥ 1, with success probability `p`
  /// (`gsl_ran_geometric`). `ceil` of an exponential with mean m is geometric with p = 1 − e^(−1/m).
  @inlinable public func geometric(p: Double) -> Int { Int(gsl_ran_geometric(rng, p)) }

  /// A Dirichlet draw with parameters `alpha` (`gsl_ran_dirichlet`); sums to 1.
  ///
  /// - Precondition: every alpha > 0 and `alpha` is not empty.
  public func dirichlet(_ alpha: [Double]) -> [Double] {
    precondition(!alpha.isEmpty && alpha.allSatisfy { $0 > 0 }, "Dirichlet parameters must be positive")
    var theta = [Double](repeating: 0, count: alpha.count)
    alpha.withUnsafeBufferPointer { a in
      theta.withUnsafeMutableBufferPointer { t in gsl_ran_dirichlet(rng, alpha.count, a.baseAddress, t.baseAddress) }
    }
    return theta
  }

}
