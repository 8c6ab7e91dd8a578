/// XXH64 (Yann Collet's xxHash, 64-bit, seed 0): the checksum of network cache files. Fast (several GB/s),
/// and a known algorithm, so a cache can be checked by other tools (`xxhsum -H1`).
///
/// Streaming: ``update(_:)`` takes the bytes in pieces of any size (the cache is hashed as it is written),
/// ``digest()`` gives the hash of everything so far; the pieces' boundaries do not change it.
/// Public so that tools which make or mutate caches (the fuzz harness) can seal them as `write(to:)` does.
public struct XXHash64 {
    private static let p1: UInt64 = 0x9E37_79B1_85EB_CA87
    private static let p2: UInt64 = 0xC2B2_AE3D_27D4_EB4F
    private static let p3: UInt64 = 0x1656_67B1_9E37_79F9
    private static let p4: UInt64 = 0x85EB_CA77_C2B2_AE63
    private static let p5: UInt64 = 0x27D4_EB2F_1656_67C5

    private let seed: UInt64
    private var v1: UInt64
    private var v2: UInt64
    private var v3: UInt64
    private var v4: UInt64
    /// Bytes hashed so far.
    private var length: UInt64 = 0
    /// The bytes of an unfinished 32-byte stripe (fewer than 32).
    private var pending: [UInt8] = []

    init(seed: UInt64 = 0) {
        self.seed = seed
        v1 = seed &+ Self.p1 &+ Self.p2
        v2 = seed &+ Self.p2
        v3 = seed
        v4 = seed &- Self.p1
        pending.reserveCapacity(32)
    }

    /// The hash of `bytes` alone.
    public static func hash(_ bytes: UnsafeRawBufferPointer, seed: UInt64 = 0) -> UInt64 {
        var hasher = XXHash64(seed: seed)
        hasher.update(bytes)
        return hasher.digest()
    }

    @inline(__always) private static func rotl(_ x: UInt64, _ r: UInt64) -> UInt64 { (x << r) | (x >> (64 - r)) }

    @inline(__always) private static func round(_ acc: UInt64, _ input: UInt64) -> UInt64 {
        rotl(acc &+ input &* p2, 31) &* p1
    }

    @inline(__always) private static func merge(_ acc: UInt64, _ value: UInt64) -> UInt64 {
        (acc ^ round(0, value)) &* p1 &+ p4
    }

    @inline(__always) private static func load64(_ bytes: UnsafeRawBufferPointer, _ at: Int) -> UInt64 {
        UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: at, as: UInt64.self))
    }

    /// Folds one 32-byte stripe starting at `at` into the accumulators.
    @inline(__always) private mutating func stripe(_ bytes: UnsafeRawBufferPointer, _ at: Int) {
        v1 = Self.round(v1, Self.load64(bytes, at))
        v2 = Self.round(v2, Self.load64(bytes, at + 8))
        v3 = Self.round(v3, Self.load64(bytes, at + 16))
        v4 = Self.round(v4, Self.load64(bytes, at + 24))
    }

    /// Hashes the next bytes.
    mutating func update(_ bytes: UnsafeRawBufferPointer) {
        length &+= UInt64(bytes.count)
        var offset = 0
        if !pending.isEmpty {
            let taken = min(32 - pending.count, bytes.count)
            pending.append(contentsOf: UnsafeRawBufferPointer(rebasing: bytes[0..<taken]))
            offset = taken
            guard pending.count == 32 else { return }
            let lanes = pending.withUnsafeBytes { p in
                (Self.load64(p, 0), Self.load64(p, 8), Self.load64(p, 16), Self.load64(p, 24))
            }
            v1 = Self.round(v1, lanes.0)
            v2 = Self.round(v2, lanes.1)
            v3 = Self.round(v3, lanes.2)
            v4 = Self.round(v4, lanes.3)
            pending.removeAll(keepingCapacity: true)
        }
        while offset + 32 <= bytes.count {
            stripe(bytes, offset)
            offset += 32
        }
        if offset < bytes.count { pending.append(contentsOf: UnsafeRawBufferPointer(rebasing: bytes[offset...])) }
    }

    /// The hash of every byte given so far.
    func digest() -> UInt64 {
        var h: UInt64
        if length >= 32 {
            h = Self.rotl(v1, 1) &+ Self.rotl(v2, 7) &+ Self.rotl(v3, 12) &+ Self.rotl(v4, 18)
            h = Self.merge(h, v1)
            h = Self.merge(h, v2)
            h = Self.merge(h, v3)
            h = Self.merge(h, v4)
        } else {
            h = seed &+ Self.p5
        }
        h = h &+ length
        pending.withUnsafeBytes { tail in
            var offset = 0
            while offset + 8 <= tail.count {
                h ^= Self.round(0, Self.load64(tail, offset))
                h = Self.rotl(h, 27) &* Self.p1 &+ Self.p4
                offset += 8
            }
            if offset + 4 <= tail.count {
                h ^= UInt64(UInt32(littleEndian: tail.loadUnaligned(fromByteOffset: offset, as: UInt32.self))) &* Self.p1
                h = Self.rotl(h, 23) &* Self.p2 &+ Self.p3
                offset += 4
            }
            while offset < tail.count {
                h ^= UInt64(tail[offset]) &* Self.p5
                h = Self.rotl(h, 11) &* Self.p1
                offset += 1
            }
        }
        h ^= h >> 33
        h = h &* Self.p2
        h ^= h >> 29
        h = h &* Self.p3
        h ^= h >> 32
        return h
    }
}
