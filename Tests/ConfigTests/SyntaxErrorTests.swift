import Config
import Testing

/// YAML mistakes are reported with the file, line and column, and the usual traps get a hint.
@Suite struct SyntaxErrorTests {
    @Test func syntaxErrorNamesTheLine() throws {
        let yaml = """
            sip:
              listen: 127.0.0.1:5060
                realm: callgate
            """
        let error = try #require(catching(yaml))
        #expect(error.line == 3)
        #expect(error.keyPath == nil)
        #expect(error.description.hasPrefix("callgate.yaml:3:"))
        #expect(error.description.contains("syntax error: mapping values are not allowed in this context"))
    }

    @Test func unclosedFlowListNamesALine() throws {
        let error = try #require(catching("routes: [\n  {match: a, scenario: b}\n"))
        #expect(error.line != nil)
        #expect(error.description.hasPrefix("callgate.yaml:3:"))
    }

    @Test func duplicateKeyIsAnError() throws {
        let yaml = """
            sip:
              listen: 127.0.0.1:5060
              listen: 127.0.0.1:5070
            """
        let error = try #require(catching(yaml))
        #expect(error.description == "callgate.yaml:2:3: the key \"listen\" appears more than once in the same mapping")
    }

    @Test func unquotedStarGetsAHint() throws {
        let error = try #require(catching("routes:\n  - match: *\n    scenario: demo-ivr.sh\n"))
        #expect(error.line == 2)
        #expect(error.message.hasSuffix("; a pattern that starts with * must be quoted: \"*\""))
    }

    @Test func backslashInDoubleQuotesGetsAHint() throws {
        let error = try #require(catching("routes:\n  - match: \"/^\\+1555/\"\n    scenario: demo-ivr.sh\n"))
        #expect(error.line == 2)
        #expect(error.message.contains("unknown escape character"))
        #expect(error.message.contains("or use single quotes"))
    }

    @Test func topLevelMustBeAMapping() {
        #expect(ConfigFixture.error("- a\n- b\n") == "callgate.yaml:1:1: the configuration must be a mapping of keys (sip:, rtp:, routes: …), got a list")
    }

    func catching(_ yaml: String) -> ConfigError? {
        do {
            _ = try ConfigFixture.parse(yaml)
            return nil
        } catch {
            return error
        }
    }
}

extension SyntaxErrorTests {
    @Test func secondDocumentIsAnError() {
        #expect(ConfigFixture.error("a: b\n---\nc: d\n") == "callgate.yaml:2:1: syntax error: a second YAML document starts here; the configuration is one document (remove the ---)")
    }
}
