import CallgateCore
import Foundation
import Scripting

extension ScriptFixture {
    /// Writes a persistent worker in sh. It appends its pid to the file `pids`, then for each event
    /// line sets `event` and `id` and runs `body`; unless `body` says `continue`, it answers with a
    /// `set` of {pid, event, call}, so a test can tell which worker answered which event.
    func worker(_ name: String = "worker.sh", body: String = "") throws -> String {
        try script(name, """
            #!/bin/sh
            get() { value=; case $line in *\\"$1\\":\\"*) ;; *) return ;; esac; value=${line#*\\"$1\\":\\"}; value=${value%%\\"*}; }
            echo $$ >> pids
            while IFS= read -r line; do
                get event; event=$value
                get id; id=$value
                \(body)
                printf '{"call_id":"%s","actions":[{"action":"set","vars":{"pid":%d,"event":"%s","call":"%s"}}]}\\n' "$id" $$ "$event" "$id"
            done
            """)
    }

    /// The pids the workers wrote, in start order.
    var workerPIDs: [Int32] {
        (read("pids") ?? "").split(separator: "\n").compactMap { Int32($0) }
    }
}

extension ScenarioOutcome {
    /// The pid of the worker that answered, from its `set`.
    var workerPID: Int32? {
        if case .number(let n)? = setVars["pid"] { Int32(n) } else { nil }
    }
}
