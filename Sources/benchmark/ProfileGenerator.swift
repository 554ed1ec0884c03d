import Foundation

/// Deterministic, realistic profiles for one region, made from its fixtures (profiles
/// transcribed from real-looking forms): each line takes a fixture and, as real intakes
/// do now and then, leaves a fact or two out. Knows no fact by name.
struct ProfileGenerator {
    private var state: UInt64
    private let bases: [[String: Any]]

    init(seed: UInt64, fixtures: [URL]) {
        state = seed
        bases = fixtures.compactMap { url in
            (try? Data(contentsOf: url)).flatMap { try? JSONSerialization.jsonObject(with: $0) as? [String: Any] }
        }
    }

    var isEmpty: Bool { bases.isEmpty }

    /// SplitMix64: small, fast and the same on every machine.
    private mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// One profile as a line of compact JSON.
    mutating func line() -> String {
        var profile = bases[Int(next() % UInt64(bases.count))]
        if next() % 100 < 8, !profile.isEmpty {
            let keys = profile.keys.sorted()
            profile[keys[Int(next() % UInt64(keys.count))]] = nil
        }
        let data = try! JSONSerialization.data(withJSONObject: profile, options: [.sortedKeys, .withoutEscapingSlashes])
        return String(decoding: data, as: UTF8.self)
    }
}
