extension Dictionary {
    /// Stores `value` under `key` unless the key has a value already, and returns that
    /// earlier value, or nil when `value` was stored. The key is hashed once when it is
    /// new, not twice as in a lookup followed by a store: the tables of ids seen first
    /// take a key for every rule, deadline and fact read, and duplicates are rare.
    mutating func keepFirst(_ value: Value, forKey key: Key) -> Value? {
        guard let first = updateValue(value, forKey: key) else { return nil }
        self[key] = first  // put back: the first stays the one reported
        return first
    }
}
