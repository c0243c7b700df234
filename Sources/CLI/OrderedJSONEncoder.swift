import Foundation

/// Encodes `Encodable` values as JSON with object keys in the order the value encodes them.
///
/// Foundation's `JSONEncoder` on Linux writes keys in hash order (only `.sortedKeys` is stable),
/// while `dondoc.extraction/1` files are read by people next to the corpus's gold files, whose
/// keys follow the README. The layout is that of the gold files (Python's
/// `json.dumps(indent=2, ensure_ascii=False)`): two-space indentation, `"key": value`, `[]` and
/// `{}` for empty containers, non-ASCII and `/` written as is.
struct OrderedJSONEncoder {
    /// Pretty-printed (the gold files' layout) or on one line with no spaces.
    var compact = false

    func encode(_ value: some Encodable) throws -> Data {
        let root = JSONNode()
        try value.encode(to: NodeEncoder(node: root, codingPath: []))
        var out = ""
        root.write(to: &out, indent: compact ? nil : 0)
        return Data(out.utf8)
    }

    /// `encode` with a trailing newline, as a command prints it.
    func encodeLine(_ value: some Encodable) throws -> Data {
        var data = try encode(value)
        data.append(0x0A)
        return data
    }
}

/// A JSON value under construction. A class, because a container writes into a node after the
/// encoder that made the container has returned.
private final class JSONNode {
    enum Value {
        case null
        case bool(Bool)
        case number(String)
        case string(String)
        case array([JSONNode])
        case object([(key: String, node: JSONNode)])
    }

    var value: Value = .null

    /// The node at `key` of this object (made an object if it is not one yet); a key encoded
    /// twice keeps its first place and its last value.
    func child(forKey key: String) -> JSONNode {
        var members: [(key: String, node: JSONNode)] = []
        if case .object(let existing) = value { members = existing }
        if let found = members.first(where: { $0.key == key }) {
            found.node.value = .null
            return found.node
        }
        let node = JSONNode()
        members.append((key, node))
        value = .object(members)
        return node
    }

    /// A new last element of this array (made an array if it is not one yet).
    func appendElement() -> JSONNode {
        var elements: [JSONNode] = []
        if case .array(let existing) = value { elements = existing }
        let node = JSONNode()
        elements.append(node)
        value = .array(elements)
        return node
    }

    var count: Int {
        switch value {
        case .array(let elements): elements.count
        case .object(let members): members.count
        default: 0
        }
    }

    /// Appends the JSON text; `indent` is the current depth, or `nil` for the compact form.
    func write(to out: inout String, indent: Int?) {
        switch value {
        case .null: out += "null"
        case .bool(let flag): out += flag ? "true" : "false"
        case .number(let digits): out += digits
        case .string(let text): Self.writeString(text, to: &out)
        case .array(let elements):
            writeContainer(open: "[", close: "]", count: elements.count, to: &out, indent: indent) {
                i, out, depth in
                elements[i].write(to: &out, indent: depth)
            }
        case .object(let members):
            let separator = indent == nil ? ":" : ": "
            writeContainer(open: "{", close: "}", count: members.count, to: &out, indent: indent) {
                i, out, depth in
                Self.writeString(members[i].key, to: &out)
                out += separator
                members[i].node.write(to: &out, indent: depth)
            }
        }
    }

    private func writeContainer(
        open: String, close: String, count: Int, to out: inout String, indent: Int?,
        element: (Int, inout String, Int?) -> Void
    ) {
        out += open
        guard count > 0 else {
            out += close
            return
        }
        let inner = indent.map { $0 + 1 }
        for i in 0..<count {
            if i > 0 { out += "," }
            if let inner { out += "\n" + String(repeating: "  ", count: inner) }
            element(i, &out, inner)
        }
        if let indent { out += "\n" + String(repeating: "  ", count: indent) }
        out += close
    }

    /// A JSON string: `"` and `\` escaped, control characters as `\n`-style or `\u00XX` escapes,
    /// everything else (non-ASCII, `/`) as is.
    static func writeString(_ text: String, to out: inout String) {
        out += "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\u{08}": out += "\\b"
            case "\u{0C}": out += "\\f"
            case "\u{00}"..."\u{1F}":
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        out += "\""
    }
}

private struct NodeEncoder: Encoder {
    let node: JSONNode
    let codingPath: [any CodingKey]
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        if case .object = node.value {} else { node.value = .object([]) }
        return KeyedEncodingContainer(KeyedContainer<Key>(node: node, codingPath: codingPath))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        if case .array = node.value {} else { node.value = .array([]) }
        return UnkeyedContainer(node: node, codingPath: codingPath)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer {
        SingleValueContainer(node: node, codingPath: codingPath)
    }
}

/// Encodes one value into `node`: primitives directly, anything else through its `encode(to:)`.
private func encodeValue(_ value: any Encodable, into node: JSONNode, codingPath: [any CodingKey]) throws {
    switch value {
    case let text as String:
        node.value = .string(text)
    case let flag as Bool:
        node.value = .bool(flag)
    case let number as Double:
        guard number.isFinite else {
            let context = EncodingError.Context(
                codingPath: codingPath, debugDescription: "JSON has no \(number)")
            throw EncodingError.invalidValue(number, context)
        }
        node.value = .number("\(number)")
    case let number as Float:
        try encodeValue(Double(number), into: node, codingPath: codingPath)
    case let number as any BinaryInteger:
        node.value = .number("\(number)")
    default:
        try value.encode(to: NodeEncoder(node: node, codingPath: codingPath))
    }
}

/// The position of an array element in a coding path.
private struct IndexKey: CodingKey {
    let intValue: Int?
    var stringValue: String { "Index \(intValue ?? 0)" }
    init(_ index: Int) { intValue = index }
    init?(stringValue: String) { nil }
    init?(intValue: Int) { self.intValue = intValue }
}

private struct KeyedContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let node: JSONNode
    let codingPath: [any CodingKey]

    mutating func encodeNil(forKey key: Key) throws { node.child(forKey: key.stringValue).value = .null }

    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
        try encode(value as any Encodable, at: key)
    }

    mutating func encode(_ value: Bool, forKey key: Key) throws {
        try encode(value as any Encodable, at: key)
    }
    mutating func encode(_ value: String, forKey key: Key) throws {
        try encode(value as any Encodable, at: key)
    }
    mutating func encode(_ value: Double, forKey key: Key) throws {
        try encode(value as any Encodable, at: key)
    }
    mutating func encode(_ value: Float, forKey key: Key) throws {
        try encode(value as any Encodable, at: key)
    }
    mutating func encode(_ value: Int, forKey key: Key) throws { try encode(value as any Encodable, at: key) }
    mutating func encode(_ value: Int8, forKey key: Key) throws {
        try encode(value as any Encodable, at: key)
    }
    mutating func encode(_ value: Int16, forKey key: Key) throws {
        try encode(value as any Encodable, at: key)
    }
    mutating func encode(_ value: Int32, forKey key: Key) throws {
        try encode(value as any Encodable, at: key)
    }
    mutating func encode(_ value: Int64, forKey key: Key) throws {
        try encode(value as any Encodable, at: key)
    }
    mutating func encode(_ value: UInt, forKey key: Key) throws {
        try encode(value as any Encodable, at: key)
    }
    mutating func encode(_ value: UInt8, forKey key: Key) throws {
        try encode(value as any Encodable, at: key)
    }
    mutating func encode(_ value: UInt16, forKey key: Key) throws {
        try encode(value as any Encodable, at: key)
    }
    mutating func encode(_ value: UInt32, forKey key: Key) throws {
        try encode(value as any Encodable, at: key)
    }
    mutating func encode(_ value: UInt64, forKey key: Key) throws {
        try encode(value as any Encodable, at: key)
    }

    private func encode(_ value: any Encodable, at key: Key) throws {
        try encodeValue(value, into: node.child(forKey: key.stringValue), codingPath: codingPath + [key])
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key)
        -> KeyedEncodingContainer<NestedKey>
    {
        NodeEncoder(node: node.child(forKey: key.stringValue), codingPath: codingPath + [key])
            .container(keyedBy: keyType)
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        NodeEncoder(node: node.child(forKey: key.stringValue), codingPath: codingPath + [key])
            .unkeyedContainer()
    }

    mutating func superEncoder() -> any Encoder {
        NodeEncoder(node: node.child(forKey: "super"), codingPath: codingPath)
    }

    mutating func superEncoder(forKey key: Key) -> any Encoder {
        NodeEncoder(node: node.child(forKey: key.stringValue), codingPath: codingPath + [key])
    }
}

private struct UnkeyedContainer: UnkeyedEncodingContainer {
    let node: JSONNode
    let codingPath: [any CodingKey]
    var count: Int { node.count }

    mutating func encodeNil() throws { node.appendElement().value = .null }

    mutating func encode<T: Encodable>(_ value: T) throws { try encodeElement(value) }

    mutating func encode(_ value: Bool) throws { try encodeElement(value) }
    mutating func encode(_ value: String) throws { try encodeElement(value) }
    mutating func encode(_ value: Double) throws { try encodeElement(value) }
    mutating func encode(_ value: Float) throws { try encodeElement(value) }
    mutating func encode(_ value: Int) throws { try encodeElement(value) }
    mutating func encode(_ value: Int8) throws { try encodeElement(value) }
    mutating func encode(_ value: Int16) throws { try encodeElement(value) }
    mutating func encode(_ value: Int32) throws { try encodeElement(value) }
    mutating func encode(_ value: Int64) throws { try encodeElement(value) }
    mutating func encode(_ value: UInt) throws { try encodeElement(value) }
    mutating func encode(_ value: UInt8) throws { try encodeElement(value) }
    mutating func encode(_ value: UInt16) throws { try encodeElement(value) }
    mutating func encode(_ value: UInt32) throws { try encodeElement(value) }
    mutating func encode(_ value: UInt64) throws { try encodeElement(value) }

    private func encodeElement(_ value: any Encodable) throws {
        let path = codingPath + [IndexKey(node.count)]
        try encodeValue(value, into: node.appendElement(), codingPath: path)
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type)
        -> KeyedEncodingContainer<NestedKey>
    {
        let path = codingPath + [IndexKey(node.count)]
        return NodeEncoder(node: node.appendElement(), codingPath: path).container(keyedBy: keyType)
    }

    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
        let path = codingPath + [IndexKey(node.count)]
        return NodeEncoder(node: node.appendElement(), codingPath: path).unkeyedContainer()
    }

    mutating func superEncoder() -> any Encoder {
        let path = codingPath + [IndexKey(node.count)]
        return NodeEncoder(node: node.appendElement(), codingPath: path)
    }
}

private struct SingleValueContainer: SingleValueEncodingContainer {
    let node: JSONNode
    let codingPath: [any CodingKey]

    mutating func encodeNil() throws { node.value = .null }

    mutating func encode<T: Encodable>(_ value: T) throws {
        try encodeValue(value, into: node, codingPath: codingPath)
    }

    mutating func encode(_ value: Bool) throws { try encodeValue(value, into: node, codingPath: codingPath) }
    mutating func encode(_ value: String) throws {
        try encodeValue(value, into: node, codingPath: codingPath)
    }
    mutating func encode(_ value: Double) throws {
        try encodeValue(value, into: node, codingPath: codingPath)
    }
    mutating func encode(_ value: Float) throws { try encodeValue(value, into: node, codingPath: codingPath) }
    mutating func encode(_ value: Int) throws { try encodeValue(value, into: node, codingPath: codingPath) }
    mutating func encode(_ value: Int8) throws { try encodeValue(value, into: node, codingPath: codingPath) }
    mutating func encode(_ value: Int16) throws { try encodeValue(value, into: node, codingPath: codingPath) }
    mutating func encode(_ value: Int32) throws { try encodeValue(value, into: node, codingPath: codingPath) }
    mutating func encode(_ value: Int64) throws { try encodeValue(value, into: node, codingPath: codingPath) }
    mutating func encode(_ value: UInt) throws { try encodeValue(value, into: node, codingPath: codingPath) }
    mutating func encode(_ value: UInt8) throws { try encodeValue(value, into: node, codingPath: codingPath) }
    mutating func encode(_ value: UInt16) throws {
        try encodeValue(value, into: node, codingPath: codingPath)
    }
    mutating func encode(_ value: UInt32) throws {
        try encodeValue(value, into: node, codingPath: codingPath)
    }
    mutating func encode(_ value: UInt64) throws {
        try encodeValue(value, into: node, codingPath: codingPath)
    }
}
