/// One option a command takes: a flag (`--notice`) or an option with a value
/// (`--region national`, `--region=national`).
public struct Option: Sendable, Hashable {
    /// The long name, with its dashes: `--region`.
    public var name: String
    /// A one-letter alias, with its dash: `-h`.
    public var short: String?
    /// What the value is called in messages (`DATE`); nil for a flag.
    public var value: String?

    public static func flag(_ name: String, short: String? = nil) -> Option { Option(name: name, short: short, value: nil) }
    public static func value(_ name: String, _ placeholder: String = "VALUE") -> Option { Option(name: name, short: nil, value: placeholder) }

    /// `-h`/`--help`, which every command of the three tools takes.
    public static let help = Option.flag("--help", short: "-h")
}

/// The arguments of one command, as the option parser read them.
public struct ParsedArguments: Sendable {
    /// The options given, by long name, in the order given; a flag's value is nil.
    public private(set) var given: [(name: String, value: String?)] = []

    public init() {}
    /// The arguments that are not options, in order (after `--`, every argument is one).
    public internal(set) var operands: [String] = []

    public func has(_ name: String) -> Bool { given.contains { $0.name == name } }
    public subscript(_ name: String) -> String? { given.first { $0.name == name }?.value }

    mutating func add(_ name: String, _ value: String?) { given.append((name, value)) }

    /// Refuses every option given that is not in `allowed`: an option that does nothing in
    /// `mode` is a mistake to say, not to ignore (the user expects it to have an effect).
    public func onlyThese(_ allowed: Set<String>, in mode: String) throws(UsageProblem) {
        for (name, _) in given where !allowed.contains(name) {
            throw UsageProblem("\(name) has no effect \(mode); leave it out")
        }
    }
}

/// A command line that cannot be understood, said in one sentence.
public struct UsageProblem: Error, Sendable, Equatable {
    public var message: String
    public init(_ message: String) { self.message = message }
}

/// The one option parser of `evaluate`, `policy` and `benchmark`, so that the three tools
/// follow the same conventions: `--opt value` and `--opt=value`; `-h`/`--help` everywhere;
/// `--` ends the options; an option given twice, an unknown option (with the nearest known
/// one suggested), a flag given a value and an option missing its value are errors.
public struct OptionParser: Sendable {
    public let options: [Option]

    public init(_ options: [Option]) { self.options = options.contains(.help) ? options : options + [.help] }

    public func parse(_ arguments: [String]) throws(UsageProblem) -> ParsedArguments {
        var parsed = ParsedArguments()
        var index = 0
        while index < arguments.count {
            let argument = arguments[index]
            index += 1
            if argument == "--" {
                parsed.operands += arguments[index...]
                break
            }
            // `-` alone names standard input; other words without a leading dash are operands.
            guard argument.hasPrefix("-"), argument != "-" else {
                parsed.operands.append(argument)
                continue
            }
            let (written, attached) = split(argument)
            guard let option = options.first(where: { $0.name == written || $0.short == written }) else {
                throw UsageProblem(unknown(written))
            }
            guard !parsed.has(option.name) else { throw UsageProblem("\(option.name) is given twice") }
            guard option.value != nil else {
                if attached != nil { throw UsageProblem("\(option.name) takes no value") }
                parsed.add(option.name, nil)
                continue
            }
            if let attached {
                guard !attached.isEmpty else { throw UsageProblem("\(option.name) needs a value") }
                parsed.add(option.name, attached)
                continue
            }
            // The next argument is the value, unless it is another option (`--region --as-of …`).
            guard index < arguments.count, arguments[index] == "-" || !arguments[index].hasPrefix("--") else {
                throw UsageProblem("\(option.name) needs a value (\(option.value!))")
            }
            parsed.add(option.name, arguments[index])
            index += 1
        }
        return parsed
    }

    /// `--name=value` as (`--name`, `value`); anything else as itself with no value.
    private func split(_ argument: String) -> (String, String?) {
        guard argument.hasPrefix("--"), let equals = argument.firstIndex(of: "=") else { return (argument, nil) }
        return (String(argument[..<equals]), String(argument[argument.index(after: equals)...]))
    }

    /// The closest of `candidates` to a mistyped word (a command, an option), if any is close.
    public static func suggestion(for written: String, among candidates: [String]) -> String? {
        nearestName(to: written, in: candidates)
    }

    private func unknown(_ written: String) -> String {
        var message = "unknown option \(written.escapingControls.quotedInMessage)"
        if let near = nearestName(to: written, in: options.map(\.name)) { message += "; did you mean \(near)?" }
        return message
    }
}

extension Language {
    /// The language the locale asks for: Chinese when `LC_ALL`, `LC_MESSAGES` or `LANG`
    /// (the first set, as POSIX orders them) starts with `zh`, else English.
    public static func preferred(by environment: [String: String]) -> Language {
        let locale = environment["LC_ALL"] ?? environment["LC_MESSAGES"] ?? environment["LANG"] ?? ""
        return locale.hasPrefix("zh") ? .zh : .en
    }
}
