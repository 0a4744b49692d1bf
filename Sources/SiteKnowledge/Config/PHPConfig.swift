/// One statement of a config file that sets something, in file order.
public enum PHPConfigEvent: Sendable {
    /// `define('NAME', value)` or a top-level `const NAME = value;`.
    case define(name: String, PHPAssignment)
    /// `$name[...]... = value`; path starts with the variable name.
    case assign(path: [PHPArrayKey], PHPAssignment)
    /// A class property or class constant, keyed `Class::name`.
    case member(key: String, PHPAssignment)
    /// `include`/`require` (`_once`) of another file.
    case include(PHPInclude)
}

/// An `include`/`require` statement.
public struct PHPInclude: Equatable, Sendable {
    /// The source text of the included expression.
    public var expression: String
    /// The file name the expression ends with, when its last part is a string literal
    /// (`$app_root . '/' . $site_path . '/settings.local.php'` gives `settings.local.php`).
    public var fileName: String?
    public var line: Int
    public var conditional: Bool
}

/// What a PHP config file assigns, read at the token level without running PHP: `define()` constants,
/// `const` declarations, `$variable[...]... = ...` assignments, class properties and class constants
/// (`Class::name`), and `include`/`require` targets — kept in file order (`events`), so that an
/// included file can be spliced in at the position of its include (`expanding`), as PHP runs it.
///
/// Control flow is not evaluated: statements inside `if` blocks count like top-level ones, function
/// bodies are skipped. Later assignments override earlier ones, key by key, as when PHP runs the file
/// top to bottom; a constant keeps its first `define()` (PHP ignores a redefinition with a warning).
public struct PHPConfig: Sendable {
    /// Every statement that sets something, in file order (included files spliced in).
    public private(set) var events: [PHPConfigEvent] = []
    /// `define('NAME', value)` and top-level `const NAME = value;` (the first definition).
    public private(set) var constants: [String: PHPAssignment] = [:]
    /// Class constants and properties, keyed `ClassName::name` (unqualified class name, no `$`).
    public private(set) var classMembers: [String: PHPAssignment] = [:]
    /// Variable assignments in file order: path (`$databases['default']['default']` is
    /// `["databases", "default", "default"]`) and value.
    public private(set) var variableAssignments: [(path: [PHPArrayKey], assignment: PHPAssignment)] = []
    /// The source text of each `include`/`require` expression, in file order.
    public var includes: [String] { includeStatements.map(\.expression) }
    public private(set) var includeStatements: [PHPInclude] = []

    public init() {}

    /// Records `event` with PHP's rules: constants keep their first definition, the rest is ordered.
    public mutating func append(_ event: PHPConfigEvent) {
        events.append(event)
        switch event {
        case .define(let name, let value):
            if let existing = constants[name] {
                // A constant cannot be redefined: PHP keeps the first define() (and warns). Defined
                // under a condition and again: which one holds depends on run time.
                if existing.conditional {
                    constants[name] = PHPAssignment(
                        value: .expression("defined on line \(existing.line) and again on line \(value.line), depending on conditions"),
                        valueRange: value.valueRange, line: value.line, conditional: true)
                }
            } else {
                constants[name] = value
            }
        case .assign(let path, let value):
            variableAssignments.append((path, value))
        case .member(let key, let value):
            classMembers[key] = value
        case .include(let inc):
            includeStatements.append(inc)
        }
    }

    /// This config with included files spliced in at the position of their include statement:
    /// `load` returns the (already expanded) config of an include to follow, or nil to leave it.
    /// An include followed this way does not make what it sets conditional: `load` only follows a
    /// file that exists, which is the condition of Drupal's stock `if (file_exists(...)) include`.
    /// What `load` returns is tagged with its file (`PHPAssignment.file`), for messages.
    public func expanding(_ load: (PHPInclude) throws -> (config: PHPConfig, file: String)?) rethrows -> PHPConfig {
        var out = PHPConfig()
        for event in events {
            out.append(event)
            if case .include(let inc) = event, let (included, file) = try load(inc) {
                for e in included.events { out.append(e.tagged(file)) }
            }
        }
        return out
    }

    /// The value a variable path resolves to after every assignment, key by key, with the byte range
    /// of its source. `path` starts with the variable name, e.g. `["databases", "default", "default",
    /// "database"]`. The last assignment of the path or of an ancestor gives the value; assignments of
    /// keys below the path made after it are merged into it (`$a['x'] = [...]; $a['x']['y'] = 1;`).
    public func variable(_ path: [String]) -> PHPAssignment? {
        let keys = path.map(PHPArrayKey.init)
        var base: PHPAssignment?
        var baseIndex = -1
        for (index, (apath, assignment)) in variableAssignments.enumerated().reversed()
        where apath.count <= keys.count && Array(keys.prefix(apath.count)) == apath {
            // The assignment sets this path or one of its ancestors: descend into its value.
            var current: PHPAssignment? = assignment
            for key in keys.dropFirst(apath.count) {
                guard let c = current, let entry = c.value[key] else { current = nil; break }
                current = PHPAssignment(value: entry.value, valueRange: entry.valueRange, line: c.line, conditional: c.conditional)
            }
            base = current
            baseIndex = index
            break
        }
        // Later assignments below the path.
        for (apath, assignment) in variableAssignments.dropFirst(baseIndex + 1)
        where apath.count > keys.count && Array(apath.prefix(keys.count)) == keys {
            var merged = base ?? PHPAssignment(value: .array([]), valueRange: assignment.valueRange, line: assignment.line)
            guard case .array = merged.value else { continue }  // PHP would fail on a scalar; keep the scalar
            merged.value = merged.value.setting(Array(apath.dropFirst(keys.count)), to: assignment.value, range: assignment.valueRange)
            merged.conditional = merged.conditional || assignment.conditional
            base = merged
        }
        return base
    }
}

extension PHPConfigEvent {
    /// The event with its assignment marked as coming from `file` (unless already marked).
    func tagged(_ file: String) -> PHPConfigEvent {
        func tag(_ a: PHPAssignment) -> PHPAssignment {
            var a = a
            if a.file == nil { a.file = file }
            return a
        }
        switch self {
        case .define(let n, let a): return .define(name: n, tag(a))
        case .assign(let p, let a): return .assign(path: p, tag(a))
        case .member(let k, let a): return .member(key: k, tag(a))
        case .include: return self
        }
    }
}

extension PHPValue {
    /// This array with the entry at `keys` (nested) set to `value`, the way `$a[k1][k2] = v` does.
    func setting(_ keys: [PHPArrayKey], to value: PHPValue, range: Range<Int>) -> PHPValue {
        guard let first = keys.first else { return value }
        var entries: [PHPArrayEntry]
        if case .array(let e) = self { entries = e } else { entries = [] }
        let child = entries.last { $0.key == first }?.value ?? .array([])
        let newChild = keys.count == 1 ? value : child.setting(Array(keys.dropFirst()), to: value, range: range)
        entries.removeAll { $0.key == first }
        entries.append(PHPArrayEntry(key: first, value: newChild, valueRange: range))
        return .array(entries)
    }
}
