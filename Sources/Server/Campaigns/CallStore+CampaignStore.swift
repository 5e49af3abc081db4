import Engine
import Storage

/// The campaign driver keeps its campaigns in the engine's SQLite store, which the CLI writes too.
extension CallStore: CampaignStore {}
