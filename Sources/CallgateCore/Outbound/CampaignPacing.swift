/// The pacer an agent campaign's mode gets: predictive dials ahead of free agents within the
/// campaign's abandon cap (docs/outbound.md#dialing-modes-and-pacing); preview and progressive
/// never place more calls than there are free agents.
public enum CampaignPacing {
    public static func pacer(for definition: CampaignDefinition) -> any Pacer {
        switch definition.mode {
        case .predictive: PredictivePacer(abandonCap: definition.abandonCap)
        case .preview, .progressive, nil: ProgressivePacer()
        }
    }
}
