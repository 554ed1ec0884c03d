import DesignationRules
import Foundation

let usage = """
Usage: policy COMMAND [options]

Tools for the people who edit the rule files, and for CI.

Commands (`policy COMMAND --help` for each one's options):
  check [--format text|json|sarif] [--strict]   load every policy file and report all problems
                        at once, root causes first; --strict: a unit of an official text
                        neither encoded nor declared not encoded is an error (CI)
  test [PATHS…]         run fixtures (default: the checkout's fixtures/) against their expectations
      --update [--accept-weaker]  re-record the expectations that differ, printing each change;
                        a change that weakens a fixture is refused without --accept-weaker
      --compare REV|DIR what the current policies decide differently from a git revision or
                        another policies folder, fixture by fixture; rewrites nothing
      --junit FILE, --coverage, --mutate
  diff REGION [--against ID]   what a region replaces, waives and adds (default: against its parent)
  explain RULE-ID       a rule's citation, wording, expressions, facts and fixtures
  schema policy | profile REGION | --out DIR   JSON Schema of policy files and profiles, for editors
  coverage --text REGION [--format text|html]  the region's official text, each unit marked:
                        encoded by which rules, declared not encoded and why, or neither

Options for every command:
  --policies DIR        the policy folder (default: the policies/ of the checkout the current
                        folder is in, found from any folder inside it; else the shipped one)
  --lang zh|en          language of the output of diff and explain (default from LANG)
  -h, --help, --version
An option is written --opt VALUE or --opt=VALUE; an option a command does not use is refused.

Exit codes: 0 all good; 1 errors found, fixtures failing or coverage incomplete; 64 bad usage;
74 standard output or a file could not be written.
"""


func run(_ arguments: [String]) throws(UsageError) -> ExitCode {
    guard let command = arguments.first, !["--help", "-h", "help"].contains(command) else {
        output(usage)
        return .ok
    }
    if command == "--version" {
        output("policy \(ToolVersion.current)")
        return .ok
    }
    if command.hasPrefix("-") {
        throw UsageError("options come after the command, e.g. `policy check \(command.escapingControls)`; commands: check, test, diff, explain, schema")
    }
    let rest = Array(arguments.dropFirst())
    switch command {
    case "check": return try Check.run(rest)
    case "test": return try Test.run(rest)
    case "diff": return try Diff.run(rest)
    case "explain": return try Explain.run(rest)
    case "schema": return try Schema.run(rest)
    case "coverage": return try TextCoverageCommand.run(rest)
    default:
        let commands = ["check", "test", "diff", "explain", "schema", "coverage"]
        var message = "unknown command `\(command)`"
        if let near = OptionParser.suggestion(for: command, among: commands) { message += "; did you mean `\(near)`?" }
        throw UsageError(message + "; commands: " + commands.joined(separator: ", "))
    }
}

closedStreams = Descriptor.fillClosedStandardStreams()
signal(SIGPIPE, SIG_IGN)
do {
    exit(try run(Array(CommandLine.arguments.dropFirst())).rawValue)
} catch {
    // A usage message quotes the arguments, whose control characters are shown escaped.
    let arguments = CommandLine.arguments.dropFirst()
    let command = arguments.first.flatMap { ["check", "test", "diff", "explain", "schema"].contains($0) ? "policy \($0)" : nil } ?? "policy"
    fail("policy: \(error.message.escapingControls)\nRun `\(command) --help` for usage.", .usage)
}
