/// Least-significant-digit radix sort of 64-bit keys carrying 32-bit payloads: sorts a million node
/// references several times faster than a comparison sort, and only over the bits the keys differ in
/// (OSM ids use about 34).
enum RadixSort {
    /// Sorts `keys` ascending (as signed integers), moving `values` along with them. Stable.
    static func sort(keys: inout [Int64], values: inout [UInt32]) {
        precondition(keys.count == values.count)
        let count = keys.count
        guard count > 1 else { return }
        // Flipping the sign bit makes unsigned order equal signed order.
        var k = keys.map { UInt64(bitPattern: $0) ^ (1 << 63) }
        var lowest = UInt64.max
        var highest = UInt64.min
        for key in k {
            lowest = min(lowest, key)
            highest = max(highest, key)
        }
        let bits = 64 - (lowest ^ highest).leadingZeroBitCount
        guard bits > 0 else { return }
        let digitBits = 11
        let buckets = 1 << digitBits
        let mask = UInt64(buckets - 1)
        var v = values
        var k2 = [UInt64](repeating: 0, count: count)
        var v2 = [UInt32](repeating: 0, count: count)
        var counts = [Int](repeating: 0, count: buckets)
        var shift = 0
        while shift < bits {
            for i in 0..<buckets { counts[i] = 0 }
            for key in k { counts[Int((key >> UInt64(shift)) & mask)] += 1 }
            var total = 0
            for i in 0..<buckets {
                let c = counts[i]
                counts[i] = total
                total += c
            }
            k.withUnsafeBufferPointer { kIn in
                v.withUnsafeBufferPointer { vIn in
                    k2.withUnsafeMutableBufferPointer { kOut in
                        v2.withUnsafeMutableBufferPointer { vOut in
                            counts.withUnsafeMutableBufferPointer { position in
                                for i in 0..<count {
                                    let digit = Int((kIn[i] >> UInt64(shift)) & mask)
                                    let p = position[digit]
                                    position[digit] = p + 1
                                    kOut[p] = kIn[i]
                                    vOut[p] = vIn[i]
                                }
                            }
                        }
                    }
                }
            }
            swap(&k, &k2)
            swap(&v, &v2)
            shift += digitBits
        }
        keys = k.map { Int64(bitPattern: $0 ^ (1 << 63)) }
        values = v
    }
}
