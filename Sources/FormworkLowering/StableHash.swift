/// FNV-1a, 64 bits: a hash that is the same on every run and machine
/// (Swift's `Hasher` is seeded per process).
package enum StableHash {
    package static func value(_ text: String) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x100_0000_01b3
        }
        return hash
    }

    /// The first `length` hex digits of the hash.
    package static func hex(_ text: String, length: Int = 8) -> String {
        let digits = String(value(text), radix: 16)
        let padded = String(repeating: "0", count: 16 - digits.count) + digits
        return String(padded.prefix(length))
    }
}
