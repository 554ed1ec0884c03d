/// A number as written in the source, with its integer and floating-point readings.
public struct JSONNumber: Sendable, Hashable {
    /// The literal as written, e.g. "-12", "3.50", "0x1F", "Infinity".
    public var text: String
    /// Set when the literal is an integer (decimal or hex, no fraction or exponent)
    /// that fits in `Int`; nil otherwise.
    public var integer: Int?
    /// Always set; may be infinite or NaN for JSON5 `Infinity` and `NaN`.
    public var double: Double

    /// Creates a number.
    public init(text: String, integer: Int?, double: Double) {
        self.text = text
        self.integer = integer
        self.double = double
    }
}

/// The value part of a ``JSONNode``.
public enum JSONValue: Sendable {
    case null
    case bool(Bool)
    case number(JSONNumber)
    case string(String)
    case array([JSONNode])
    /// Members in source order.
    case object([JSONMember])
}

/// One `key: value` pair of an object, with the key's own position.
public struct JSONMember: Sendable {
    /// The key, with escapes already decoded.
    public var key: String
    /// Where the key starts (for a quoted key: its opening quote).
    public var keyLocation: SourceLocation
    /// The member's value.
    public var value: JSONNode

    /// Creates a member.
    public init(key: String, keyLocation: SourceLocation, value: JSONNode) {
        self.key = key
        self.keyLocation = keyLocation
        self.value = value
    }
}

extension [JSONMember] {
    /// The index of the member with this key, if any.
    ///
    /// Compares the keys in place: a search that hands each member to a closure copies it,
    /// counting a reference to each of its parts, which cost more than the comparisons.
    func indexOfKey(_ key: String) -> Int? {
        var index = 0
        while index < count {
            if self[index].key.isSameText(key) { return index }
            index += 1
        }
        return nil
    }
}

extension String {
    /// Whether `other` is the same text, comparing the lengths first: `==` compares two
    /// strings of different lengths byte by byte up to where they differ, through several
    /// calls into the runtime, and most keys and ids compared differ in length.
    func isSameText(_ other: String) -> Bool { utf8.count == other.utf8.count && self == other }

    /// Whether the text has this ASCII byte, looked for in place: `utf8.contains` walked
    /// the string through its generic view, at several hundred instructions a name.
    func containsASCII(_ byte: UInt8) -> Bool {
        utf8.withContiguousStorageIfAvailable { $0.contains(byte) } ?? utf8.contains(byte)
    }
}

/// A value together with the position it was read from.
public struct JSONNode: Sendable {
    /// The value.
    public var value: JSONValue
    /// Where the value starts (for a string: its opening quote).
    public var location: SourceLocation
    /// For a string written without escapes or line continuations: true, so that
    /// character i of the string is at `location.advanced(by: 1 + i)`. False otherwise.
    public var isVerbatimString: Bool

    /// Creates a node.
    public init(value: JSONValue, location: SourceLocation, isVerbatimString: Bool = false) {
        self.value = value
        self.location = location
        self.isVerbatimString = isVerbatimString
    }

    /// The string, if this is a string.
    public var string: String? {
        if case .string(let text) = value { return text }
        return nil
    }

    /// The boolean, if this is `true` or `false`.
    public var bool: Bool? {
        if case .bool(let flag) = value { return flag }
        return nil
    }

    /// The number, if this is a number.
    public var number: JSONNumber? {
        if case .number(let number) = value { return number }
        return nil
    }

    /// The elements, if this is an array.
    public var array: [JSONNode]? {
        if case .array(let elements) = value { return elements }
        return nil
    }

    /// The members in source order, if this is an object.
    public var members: [JSONMember]? {
        if case .object(let members) = value { return members }
        return nil
    }

    /// The member with this key, if this is an object that has one.
    /// (The reader rejects duplicate keys, so there is at most one.)
    public func member(_ key: String) -> JSONMember? {
        guard case .object(let members) = value, let index = members.indexOfKey(key) else { return nil }
        return members[index]
    }

    /// "null", "boolean", "number", "string", "array" or "object", for error messages
    /// such as "expected a string, found a number".
    public var kindName: String {
        switch value {
        case .null: "null"
        case .bool: "boolean"
        case .number: "number"
        case .string: "string"
        case .array: "array"
        case .object: "object"
        }
    }
}
