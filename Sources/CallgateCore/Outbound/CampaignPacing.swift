/// The pacer an agent campaign's mode gets.
public enum CampaignPacing {
    /// - Note: `predictive` gets `ProgressivePacer` until `PredictivePacer` is on main: the merge
    ///   switches it to `PredictivePacer(abandonCap: definition.abandonCap)`.
    public static func pacer(for definition: CampaignDefinition) -> any Pacer {
        switch definition.mode {
        case .predictive: ProgressivePacer()
        case .preview, .progressive, nil: ProgressivePacer()
        }
    }
}
