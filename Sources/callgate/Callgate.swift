import ArgumentParser

/// The `callgate` command: a scriptable call-routing engine for call centers.
@main
struct Callgate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "callgate",
        abstract: "A scriptable call-routing engine for call centers.",
        discussion: "Routing logic lives in scenarios: executables in any language that get each call event as JSON on stdin and answer with actions on stdout. See docs/scenario-protocol.md.",
        version: CallgateVersion.current,
        subcommands: [ServeCommand.self, TestCommand.self, CallsCommand.self, CallCommand.self, ReportCommand.self, PasswdCommand.self,
                      CampaignCommand.self]
    )
}

enum CallgateVersion {
    static let current = "0.2.0"
}
