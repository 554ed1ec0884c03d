import DesignationRules
import Foundation

let usage = """
Usage: policy COMMAND [options]

Tools for the people who edit the rule files, and for CI.

Commands:
  check                 load every policy file and report all problems at once
  test [PATHS…]         run fixtures (default: fixtures/) against their expectations
      --update          re-record the expectations from the results (review the diff in git)
      --junit FILE      also write JUnit XML for CI servers
      --coverage        report, per rule, how the fixtures exercise it; fail unless every
                        rule is made to pass and to fail
      --mutate          run the fixtures against small faulty versions of every rule and
                        report the mutants no fixture notices, with a score per region
  diff REGION [--against ID]   what a region replaces, waives and adds (default: against its parent)
  explain RULE-ID       a rule's citation, wording, expressions, facts and fixtures

Options for every command:
  --policies DIR        the policy folder (default: ./policies if present, else the shipped one)
  --lang zh|en          language of the output (default from LANG)
  --help, --version

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
    let rest = Array(arguments.dropFirst())
    switch command {
    case "check": return try Check.run(rest)
    case "test": return try Test.run(rest)
    case "diff": return try Diff.run(rest)
    case "explain": return try Explain.run(rest)
    default: throw UsageError(message: "unknown command `\(command)`; commands: check, test, diff, explain")
    }
}

closedStreams = Descriptor.fillClosedStandardStreams()
signal(SIGPIPE, SIG_IGN)
do {
    exit(try run(Array(CommandLine.arguments.dropFirst())).rawValue)
} catch {
    // A usage message quotes the arguments, whose control characters are shown escaped.
    fail("policy: \(error.message.escapingControls)\nRun `policy --help` for usage.", .usage)
}
