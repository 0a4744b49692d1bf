/// A PHP value read from a config file without running PHP: a literal, an array of literals, or — when
/// the source computes it (`getenv('X')`, `$a . 'b'`, `__DIR__`) — the expression's source text.
public indirect enum PHPValue: Equatable, Sendable {
    case string(String)
    case integer(Int64)
    case float(Double)
    case bool(Bool)
    case null
    /// An array literal (`array(...)` or `[...]`), entries in source order.
    case array([PHPArrayEntry])
    /// Not a literal: the source text of the expression, for error messages.
    case expression(String)

    /// The value as text the way PHP would cast it to string, or nil for arrays and expressions.
    public var scalarText: String? {
        switch self {
        case .string(let s): return s
        case .integer(let v): return String(v)
        case .float(let v): return String(v)
        case .bool(let b): return b ? "1" : ""
        case .null: return ""
        case .array, .expression: return nil
        }
    }

    /// The entry for `key` in an array value (last one wins, as in PHP), else nil.
    public subscript(key: PHPArrayKey) -> PHPArrayEntry? {
        guard case .array(let entries) = self else { return nil }
        return entries.last { $0.key == key }
    }
}

/// A PHP array key: an integer or a string (PHP casts "5" to 5; done when parsing).
public enum PHPArrayKey: Hashable, Sendable, CustomStringConvertible {
    case int(Int64)
    case string(String)

    /// Builds a key from a path component the way PHP normalizes keys ("5" -> 5).
    public init(_ s: String) {
        if let v = Int64(s), String(v) == s { self = .int(v) } else { self = .string(s) }
    }

    public var description: String {
        switch self {
        case .int(let v): return String(v)
        case .string(let s): return s
        }
    }
}

/// One `key => value` of an array literal, with the byte range of the value in the source file.
public struct PHPArrayEntry: Equatable, Sendable {
    public var key: PHPArrayKey
    public var value: PHPValue
    public var valueRange: Range<Int>
}

/// A value assigned in a config file: the value and where its source text is (byte range, line).
public struct PHPAssignment: Equatable, Sendable {
    public var value: PHPValue
    public var valueRange: Range<Int>
    public var line: Int
    /// True when the assignment sits under an `if`/`else`/loop: a fallback default such as Debian's
    /// `if (!defined('DB_NAME')) define('DB_NAME', 'wordpress');`, not necessarily the value in force.
    public var conditional: Bool = false
    /// The file it is in when that is not the file read but one it includes (settings.local.php).
    public var file: String?

    public init(value: PHPValue, valueRange: Range<Int>, line: Int, conditional: Bool = false) {
        self.value = value
        self.valueRange = valueRange
        self.line = line
        self.conditional = conditional
    }
}
