public import ArgumentParser

/// `rampart`: the command tree.
public struct RampartCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "rampart",
        abstract: "Checks the customer's side of the AWS shared responsibility model.",
        subcommands: [])

    public init() {}
}
